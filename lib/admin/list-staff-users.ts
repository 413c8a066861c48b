import { type AccountState, accountStateOf } from "@/lib/admin/account-state";
import { findLastSignIns } from "@/lib/admin/find-last-sign-ins";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type StaffUser = {
  id: string;
  name: string;
  email: string;
  role: string;
  state: AccountState;
  /** A TOTP authenticator is confirmed (the rule of lib/auth/totp/has-totp.ts, read in the same query). */
  mfa: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

// Staff accounts are few; recipients (who can be many) are searched separately (search-recipient-users.ts).
const LIMIT = 500;

/** Admins, senders and compliance staff with their account state, for /admin/users. Admin only. */
export async function listStaffUsers(actor: Actor): Promise<StaffUser[]> {
  assertRole(actor, ["admin"], "users");
  const rows = await getDb().user.findMany({
    where: { role: { in: ["admin", "sender", "compliance"] } },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: LIMIT,
    select: { id: true, name: true, email: true, role: true, createdAt: true, passwordHash: true, deactivatedAt: true, totpEnabledAt: true },
  });
  const lastSignIns = await findLastSignIns(rows.map((row) => row.id));
  return rows.map(({ passwordHash, deactivatedAt, totpEnabledAt, ...user }) => ({
    ...user,
    state: accountStateOf({ role: user.role, passwordHash, deactivatedAt }),
    mfa: totpEnabledAt !== null,
    lastSignInAt: lastSignIns.get(user.id) ?? null,
  }));
}
