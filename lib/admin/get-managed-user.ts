import { type AccountState, accountStateOf } from "@/lib/admin/account-state";
import { findLastSignIns } from "@/lib/admin/find-last-sign-ins";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { hasTotp } from "@/lib/auth/totp/has-totp";
import { getDb } from "@/lib/db";

export type ManagedUser = {
  id: string;
  name: string;
  email: string;
  role: string;
  state: AccountState;
  mfa: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  /** The admin looking at the page: they may not demote or deactivate themselves. */
  isActor: boolean;
};

/** One account for /admin/users/[userId], or null when there is none. Never hashes or secrets. Admin only. */
export async function getManagedUser(actor: Actor, userId: string): Promise<ManagedUser | null> {
  assertRole(actor, ["admin"], "users");
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, passwordHash: true, deactivatedAt: true, createdAt: true },
  });
  if (!user) return null;
  const [mfa, lastSignIns] = await Promise.all([hasTotp(user.id), findLastSignIns([user.id])]);
  const { passwordHash, deactivatedAt, ...rest } = user;
  return {
    ...rest,
    state: accountStateOf({ role: user.role, passwordHash, deactivatedAt }),
    mfa,
    lastSignInAt: lastSignIns.get(user.id) ?? null,
    isActor: user.id === actor.id,
  };
}
