import { recordAuditEvent } from "@/lib/audit/record-event";
import { PENDING_SIGN_IN_TTL_MS } from "@/lib/auth/access-cookies";
import { signValue } from "@/lib/auth/signed-value";
import { deviceCodesByUser } from "@/lib/auth/throttle-rules";
import { getDb } from "@/lib/db";
import { enqueueJob } from "@/lib/queue/enqueue-job";

export type DeviceChallenge = { pendingSignIn: string; retryAfterMs: number };

/**
 * Holds a password sign-in from an unknown browser until the person types the code mailed to their address.
 * The code itself is made by the `account-email` job right before it is sent (lib/auth/run-account-email-job.ts),
 * so it never sits in the job table; this transaction only queues that job and audits `device.code_sent`.
 * Returns the signed pending-sign-in cookie value. Past the per-user limit no mail is queued and
 * `retryAfterMs` says how long until one may be; the pending sign-in still works with a code already sent.
 */
export async function startDeviceChallenge(
  userId: string,
  ctx: { sourceIp: string | null; now?: Date; resend?: boolean },
): Promise<DeviceChallenge> {
  const now = ctx.now ?? new Date();
  const pendingSignIn = signValue("pending-sign-in", { userId }, PENDING_SIGN_IN_TTL_MS, now);
  const retryAfterMs = await deviceCodesByUser.retryAfterMs(userId);
  if (retryAfterMs > 0) return { pendingSignIn, retryAfterMs };
  await deviceCodesByUser.hit(userId);
  await getDb().$transaction(async (tx) => {
    await enqueueJob(tx, { kind: "account-email", payload: { email: "device-code", userId } });
    await recordAuditEvent(tx, {
      type: "device.code_sent",
      actorType: "user",
      actorId: userId,
      sourceIp: ctx.sourceIp,
      outcome: "success",
      data: { resend: ctx.resend ?? false },
    });
  });
  return { pendingSignIn, retryAfterMs: 0 };
}
