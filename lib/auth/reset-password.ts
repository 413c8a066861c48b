import { checkNewPassword, type NewPasswordProblem } from "@/lib/auth/check-new-password";
import { hashToken } from "@/lib/auth/hash-token";
import { hashPassword } from "@/lib/auth/passwords";
import { recordKnownDevice } from "@/lib/auth/record-known-device";
import { createSignInGrant } from "@/lib/auth/sign-in-grant";
import { hasTotp } from "@/lib/auth/totp/has-totp";
import { createPendingMfa } from "@/lib/auth/totp/pending-mfa";
import { getPasswordReset } from "@/lib/auth/get-password-reset";
import { storeNewPassword } from "@/lib/auth/store-new-password";
import { getDb } from "@/lib/db";

export type ResetPasswordResult =
  | { ok: true; userId: string; grant: string; deviceSecret: string }
  /** Password set, but the account has TOTP on: a reset link proves the mailbox, not the authenticator. */
  | { ok: true; userId: string; pendingMfa: string; deviceSecret: string }
  | { ok: false; error: "invalid-token" | NewPasswordProblem };

/**
 * Sets a new password from an emailed reset link. The link is used up in the same transaction, every session
 * elsewhere ends, and the person is told by email. The link reached their mailbox, so this browser becomes a
 * known device and is signed in straight away, or, with TOTP on, once the authenticator code is right.
 */
export async function resetPassword(
  token: string,
  input: { password: string; confirm: string },
  ctx: { sourceIp: string | null; userAgent: string | null; now?: Date },
): Promise<ResetPasswordResult> {
  const now = ctx.now ?? new Date();
  const reset = await getPasswordReset(token, now);
  if (!reset) return { ok: false, error: "invalid-token" };
  const problem = await checkNewPassword(input.password, input.confirm, [reset.email, reset.name]);
  if (problem) return { ok: false, error: problem };
  const passwordHash = await hashPassword(input.password);
  const deviceSecret = await getDb().$transaction(async (tx) => {
    const { count } = await tx.accessToken.updateMany({
      where: { tokenHash: hashToken(token), purpose: "password-reset", consumedAt: null, expiresAt: { gt: now } },
      data: { consumedAt: now },
    });
    if (count !== 1) return null;
    await storeNewPassword(tx, { userId: reset.userId, passwordHash, via: "reset", sourceIp: ctx.sourceIp, now });
    await tx.user.updateMany({ where: { id: reset.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    return recordKnownDevice(tx, reset.userId, ctx.userAgent);
  });
  if (!deviceSecret) return { ok: false, error: "invalid-token" };
  if (await hasTotp(reset.userId)) {
    return { ok: true, userId: reset.userId, pendingMfa: createPendingMfa(reset.userId, { via: "password-reset", device: "reset-link" }, now), deviceSecret };
  }
  return { ok: true, userId: reset.userId, grant: createSignInGrant(reset.userId, now), deviceSecret };
}
