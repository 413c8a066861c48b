import type { Tx } from "@/lib/db";
import { UserAdminError } from "@/lib/admin/user-admin-error";

/**
 * Refuses a change that would leave no active admin besides `userId`: someone must always be able to run the
 * organisation. Active means able to sign in (password set, not deactivated). Call it inside the transaction
 * that makes the change: on SQLite that transaction holds the write lock, so two admins demoting each other at
 * once cannot both pass.
 * @throws UserAdminError "last-admin"
 */
export async function assertOtherActiveAdmin(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", deactivatedAt: null, passwordHash: { not: null }, id: { not: userId } } });
  if (others === 0) throw new UserAdminError("last-admin");
}
