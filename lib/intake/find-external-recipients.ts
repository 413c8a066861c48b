import type { Tx } from "@/lib/db";

// Staff of the organisation: their mail stays inside it, so a secure thread need not force it to the portal.
const STAFF_ROLES = ["admin", "sender", "compliance"];

/**
 * The addresses that are not active staff accounts (recipient accounts and unknown addresses alike).
 * User.email is stored lower-case; envelope addresses keep their local part's spelling, so compare lower-cased.
 */
export async function findExternalRecipients(tx: Tx, addresses: string[]): Promise<string[]> {
  const lowered = addresses.map((address) => address.toLowerCase());
  const staff = await tx.user.findMany({
    where: { email: { in: lowered }, role: { in: STAFF_ROLES }, deactivatedAt: null },
    select: { email: true },
  });
  const staffEmails = new Set(staff.map((user) => user.email));
  return addresses.filter((address) => !staffEmails.has(address.toLowerCase()));
}
