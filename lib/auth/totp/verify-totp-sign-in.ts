import { recordAuditEvent } from "@/lib/audit/record-event";
import { createSignInGrant } from "@/lib/auth/sign-in-grant";
import { checkTotpCode, type TotpFailureReason } from "@/lib/auth/totp/check-totp-code";
import { readPendingMfa } from "@/lib/auth/totp/pending-mfa";

export type TotpSignInResult =
  /** The pending sign-in is missing or too old, or TOTP was reset meanwhile: sign in again. */
  | { kind: "expired" }
  | { kind: TotpFailureReason; retryAfterMs: number }
  | { kind: "verified"; userId: string; grant: string };

/**
 * The TOTP step of a staff sign-in (/verify-mfa): checks the code for the user the pending-MFA cookie names and,
 * when right, records `user.signed_in` (with how the first factor went) in the same transaction as
 * `mfa.verified` and returns the grant that issues the session.
 */
export async function verifyTotpSignIn(
  pendingMfa: string | null | undefined,
  code: string,
  ctx: { sourceIp: string | null; now?: Date },
): Promise<TotpSignInResult> {
  const now = ctx.now ?? new Date();
  const pending = readPendingMfa(pendingMfa, now);
  if (!pending) return { kind: "expired" };
  const check = await checkTotpCode(pending.userId, code, { ...ctx, now }, (tx) =>
    recordAuditEvent(tx, {
      type: "user.signed_in",
      actorType: "user",
      actorId: pending.userId,
      sourceIp: ctx.sourceIp,
      outcome: "success",
      data: { via: pending.via, device: pending.device, secondFactor: "totp" },
    }),
  );
  if (check.ok) return { kind: "verified", userId: pending.userId, grant: createSignInGrant(pending.userId, now, "totp") };
  if (check.reason === "not-enrolled") return { kind: "expired" };
  return { kind: check.reason, retryAfterMs: check.retryAfterMs };
}
