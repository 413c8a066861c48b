import { checkNewPassword, type NewPasswordProblem } from "@/lib/auth/check-new-password";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/roles";
import { createSignInGrant } from "@/lib/auth/sign-in-grant";
import { storeNewPassword } from "@/lib/auth/store-new-password";
import { signInByEmailAndIp } from "@/lib/auth/throttle-rules";
import { getDb } from "@/lib/db";

export type ChangePasswordResult =
  | { ok: true; grant: string }
  | { ok: false; error: "currentWrong" | "throttled" | NewPasswordProblem; retryAfterMs?: number };

/**
 * "Change password" on /account: the current password must be right (wrong guesses count against the same
 * limit as sign-in, so a borrowed session cannot be used to guess it). Every session ends, including this one;
 * the returned grant signs this browser straight back in.
 */
export async function changePassword(
  actor: Actor,
  input: { current: string; password: string; confirm: string },
  ctx: { sourceIp: string | null; now?: Date },
): Promise<ChangePasswordResult> {
  const now = ctx.now ?? new Date();
  const key = `${actor.email}|${ctx.sourceIp ?? "unknown"}`;
  const retryAfterMs = await signInByEmailAndIp.retryAfterMs(key);
  if (retryAfterMs > 0) return { ok: false, error: "throttled", retryAfterMs };
  const user = await getDb().user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash ?? null, input.current))) {
    await signInByEmailAndIp.hit(key);
    return { ok: false, error: "currentWrong" };
  }
  const problem = await checkNewPassword(input.password, input.confirm, [actor.email, actor.name]);
  if (problem) return { ok: false, error: problem };
  const passwordHash = await hashPassword(input.password);
  await getDb().$transaction((tx) => storeNewPassword(tx, { userId: actor.id, passwordHash, via: "account", sourceIp: ctx.sourceIp, now }));
  // This session already passed every factor the account has, so the grant that replaces it may say so.
  return { ok: true, grant: createSignInGrant(actor.id, now, "session") };
}
