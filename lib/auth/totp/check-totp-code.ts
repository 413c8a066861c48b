import { recordAuditEvent } from "@/lib/audit/record-event";
import { totpFailuresByUser } from "@/lib/auth/throttle-rules";
import { matchTotpCode } from "@/lib/auth/totp/match-totp-code";
import { openTotpSecret } from "@/lib/auth/totp/totp-secret";
import { getDb, type Tx } from "@/lib/db";
import { getKeyRing } from "@/lib/escrow/key-ring";

export type TotpFailureReason = "wrong-code" | "replayed" | "throttled";

export type TotpCheck =
  | { ok: true }
  /** TOTP is not (or no longer) on for this account, e.g. an admin reset it meanwhile. Nothing is audited. */
  | { ok: false; reason: "not-enrolled" }
  /** `retryAfterMs` > 0: TOTP is locked for this account until then (this failure may have been the last allowed). */
  | { ok: false; reason: TotpFailureReason; retryAfterMs: number };

type CheckContext = { sourceIp: string | null; now?: Date };

/**
 * Checks a code from the user's authenticator app, for sign-in and for turning TOTP off. In order: the
 * per-account failure limit, the code (one step either side of now), then the replay rule (RFC 6238 section
 * 5.2): a step at or before the last accepted one is refused, and the new step is stored by a conditional
 * update in the same transaction as `mfa.verified`, so two requests racing with one code cannot both pass.
 * `onVerified` runs in that transaction too. Every failure is audited as `mfa.failed {userId, reason}`; codes
 * and secrets never are.
 */
export async function checkTotpCode(userId: string, code: string, ctx: CheckContext, onVerified?: (tx: Tx) => Promise<void>): Promise<TotpCheck> {
  const now = ctx.now ?? new Date();
  const lockedForMs = await totpFailuresByUser.retryAfterMs(userId);
  if (lockedForMs > 0) return fail(userId, "throttled", ctx, lockedForMs);
  const db = getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, totpSecretSealed: true, totpKeyId: true, totpEnabledAt: true, totpLastStep: true },
  });
  const secret = user?.totpEnabledAt ? openTotpSecret(getKeyRing(), user) : null;
  if (!user || !secret) return { ok: false, reason: "not-enrolled" };
  const step = matchTotpCode(secret, code, now);
  if (step === null) return countFailure(userId, "wrong-code", ctx);
  const accepted = await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    if (count !== 1) return false;
    await recordAuditEvent(tx, { type: "mfa.verified", actorType: "user", actorId: userId, sourceIp: ctx.sourceIp, outcome: "success", data: { userId } });
    await onVerified?.(tx);
    return true;
  });
  if (!accepted) return countFailure(userId, "replayed", ctx);
  await totpFailuresByUser.reset(userId);
  return { ok: true };
}

async function countFailure(userId: string, reason: "wrong-code" | "replayed", ctx: CheckContext): Promise<TotpCheck> {
  await totpFailuresByUser.hit(userId);
  return fail(userId, reason, ctx, await totpFailuresByUser.retryAfterMs(userId));
}

async function fail(userId: string, reason: TotpFailureReason, ctx: CheckContext, retryAfterMs: number): Promise<TotpCheck> {
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      type: "mfa.failed",
      actorType: "user",
      actorId: userId,
      sourceIp: ctx.sourceIp,
      outcome: reason === "throttled" ? "denied" : "failure",
      data: { userId, reason },
    }),
  );
  return { ok: false, reason, retryAfterMs };
}
