import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/** Who a recipient may write to from the portal: the organisation's active senders and admins. */
export const CONTACT_ROLES = ["sender", "admin"];

export type StaffContact = { name: string; email: string };

/** The organisation's senders, for the compose form's picker. Names and addresses only. */
export async function listStaffContacts(actor: Actor): Promise<StaffContact[]> {
  assertRole(actor, ["recipient", "sender", "admin"], "compose");
  return getDb().user.findMany({
    where: { role: { in: CONTACT_ROLES }, deactivatedAt: null },
    select: { name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: 500,
  });
}
