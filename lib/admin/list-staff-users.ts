import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type StaffUser = {
  id: string;
  name: string;
  email: string;
  role: string;
  state: "active" | "invited" | "deactivated";
  createdAt: Date;
};

// Staff accounts are few; recipients (who can be many) are not listed here.
const LIMIT = 500;

/** Admins, senders and compliance staff with their account state, for /admin/users. Admin only. */
export async function listStaffUsers(actor: Actor): Promise<StaffUser[]> {
  assertRole(actor, ["admin"], "users");
  const rows = await getDb().user.findMany({
    where: { role: { in: ["admin", "sender", "compliance"] } },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: LIMIT,
    select: { id: true, name: true, email: true, role: true, createdAt: true, passwordHash: true, deactivatedAt: true },
  });
  return rows.map(({ passwordHash, deactivatedAt, ...user }) => ({
    ...user,
    state: deactivatedAt ? "deactivated" : passwordHash === null ? "invited" : "active",
  }));
}
