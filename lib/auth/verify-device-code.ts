import { timingSafeEqual } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { hashDeviceCode } from "@/lib/auth/hash-device-code";
import { DEVICE_CODE_MAX_ATTEMPTS } from "@/lib/auth/issue-device-code";
import { recordKnownDevice } from "@/lib/auth/record-known-device";
import { createSignInGrant } from "@/lib/auth/sign-in-grant";
import { readSignedValue } from "@/lib/auth/signed-value";
import { hasTotp } from "@/lib/auth/totp/has-totp";
import { createPendingMfa } from "@/lib/auth/totp/pending-mfa";
import { getDb } from "@/lib/db";

export type DeviceCodeResult =
  /** The pending sign-in is missing or older than 10 minutes: sign in again. */
  | { kind: "expired" }
  /** No usable code: none sent yet, it expired, or it is locked after too many wrong tries. */
  | { kind: "no-code" }
  | { kind: "wrong"; attemptsLeft: number }
  /** That was the last allowed wrong try: the code no longer works. */
  | { kind: "locked" }
  /** Code right, but the account has TOTP on: keep `pendingMfa` in a cookie and ask for the authenticator code. */
  | { kind: "totp"; userId: string; pendingMfa: string; deviceSecret: string }
  | { kind: "verified"; userId: string; grant: string; deviceSecret: string };

/** The user a pending-sign-in cookie value belongs to, or null when it is forged or expired. */
export function pendingSignInUser(pendingSignIn: string | null | undefined, now = new Date()): string | null {
  const payload = readSignedValue("pending-sign-in", pendingSignIn, now);
  return typeof payload?.userId === "string" ? payload.userId : null;
}

/**
 * Checks the code typed on /verify-device against the newest unused code mailed to the pending user. A wrong
 * code counts against that code; after DEVICE_CODE_MAX_ATTEMPTS it stops working and a new one must be sent.
 * On success the code is used up, the browser becomes a known device and the sign-in completes, or, for an
 * account with TOTP on, moves on to the authenticator code (`user.signed_in` is then recorded after that step).
 */
export async function verifyDeviceCode(
  pendingSignIn: string | null | undefined,
  code: string,
  ctx: { sourceIp: string | null; userAgent: string | null; now?: Date },
): Promise<DeviceCodeResult> {
  const now = ctx.now ?? new Date();
  const userId = pendingSignInUser(pendingSignIn, now);
  if (!userId) return { kind: "expired" };
  const db = getDb();
  const token = await db.accessToken.findFirst({
    where: { userId, purpose: "device-code", consumedAt: null, expiresAt: { gt: now }, attempts: { lt: DEVICE_CODE_MAX_ATTEMPTS } },
    orderBy: { createdAt: "desc" },
    select: { id: true, tokenHash: true },
  });
  if (!token) return { kind: "no-code" };
  const digits = code.replace(/\s+/g, "");
  const totp = await hasTotp(userId);
  const matches = /^\d{6}$/.test(digits) && timingSafeEqual(Buffer.from(hashDeviceCode(token.id, digits)), Buffer.from(token.tokenHash));
  return db.$transaction(async (tx): Promise<DeviceCodeResult> => {
    if (!matches) {
      // Conditional increment: parallel guesses cannot together exceed the limit.
      const { count } = await tx.accessToken.updateMany({
        where: { id: token.id, consumedAt: null, attempts: { lt: DEVICE_CODE_MAX_ATTEMPTS } },
        data: { attempts: { increment: 1 } },
      });
      const row = await tx.accessToken.findUniqueOrThrow({ where: { id: token.id }, select: { attempts: true } });
      await recordAuditEvent(tx, {
        type: "device.code_failed",
        actorType: "user",
        actorId: userId,
        sourceIp: ctx.sourceIp,
        outcome: "failure",
        data: { attempts: row.attempts, locked: row.attempts >= DEVICE_CODE_MAX_ATTEMPTS },
      });
      const attemptsLeft = count === 1 ? Math.max(DEVICE_CODE_MAX_ATTEMPTS - row.attempts, 0) : 0;
      return attemptsLeft > 0 ? { kind: "wrong", attemptsLeft } : { kind: "locked" };
    }
    const { count } = await tx.accessToken.updateMany({
      where: { id: token.id, consumedAt: null, attempts: { lt: DEVICE_CODE_MAX_ATTEMPTS } },
      data: { consumedAt: now },
    });
    if (count !== 1) return { kind: "no-code" };
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    const deviceSecret = await recordKnownDevice(tx, userId, ctx.userAgent);
    const event = { actorType: "user", actorId: userId, sourceIp: ctx.sourceIp, outcome: "success" } as const;
    await recordAuditEvent(tx, { ...event, type: "device.verified", data: {} });
    if (totp) return { kind: "totp", userId, pendingMfa: createPendingMfa(userId, { via: "password", device: "code" }, now), deviceSecret };
    await recordAuditEvent(tx, { ...event, type: "user.signed_in", data: { via: "password", device: "code" } });
    return { kind: "verified", userId, grant: createSignInGrant(userId, now), deviceSecret };
  });
}
