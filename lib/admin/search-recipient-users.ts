import { type AccountState, accountStateOf } from "@/lib/admin/account-state";
import { findLastSignIns } from "@/lib/admin/find-last-sign-ins";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type RecipientUser = { id: string; email: string; name: string; state: AccountState; lastSignInAt: Date | null; createdAt: Date };

const LIMIT = 50;

/**
 * Recipient accounts (people outside the organisation who registered from a notification) whose address
 * contains `query`, newest first; the newest ones when the query is empty. At most 50: the admin narrows the
 * search rather than paging through every recipient. Admin only.
 */
export async function searchRecipientUsers(actor: Actor, query: string): Promise<RecipientUser[]> {
  assertRole(actor, ["admin"], "recipient accounts");
  const needle = query.trim().toLowerCase().slice(0, 320);
  const rows = await getDb().user.findMany({
    // Addresses are stored lower-case, so a plain contains is case-insensitive on both providers.
    where: { role: "recipient", ...(needle ? { email: { contains: needle } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIMIT,
    select: { id: true, email: true, name: true, role: true, passwordHash: true, deactivatedAt: true, createdAt: true },
  });
  const lastSignIns = await findLastSignIns(rows.map((row) => row.id));
  return rows.map(({ role, passwordHash, deactivatedAt, ...user }) => ({
    ...user,
    state: accountStateOf({ role, passwordHash, deactivatedAt }),
    lastSignInAt: lastSignIns.get(user.id) ?? null,
  }));
}
