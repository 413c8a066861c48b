import { recordAuditEvent } from "@/lib/audit/record-event";
import { consumeAddressProof } from "@/lib/auth/consume-address-proof";
import { isKnownDevice } from "@/lib/auth/is-known-device";
import type { AddressProof } from "@/lib/auth/read-address-proof";
import { recordKnownDevice } from "@/lib/auth/record-known-device";
import { createSignInGrant } from "@/lib/auth/sign-in-grant";
import { startDeviceChallenge } from "@/lib/auth/start-device-challenge";
import { signInByEmailAndIp, signInByIp } from "@/lib/auth/throttle-rules";
import { hasTotp } from "@/lib/auth/totp/has-totp";
import { createPendingMfa } from "@/lib/auth/totp/pending-mfa";
import { checkPassword } from "@/lib/auth/verify-credentials";
import { getDb } from "@/lib/db";

export type SignInContext = {
  sourceIp: string | null;
  userAgent: string | null;
  /** Device secrets from the browser's cookie. */
  deviceSecrets: string[];
  /** A portal link the person clicked in this browser, if any (lib/auth/read-address-proof.ts). */
  addressProof: AddressProof | null;
  now?: Date;
};

export type PasswordSignInResult =
  | { kind: "throttled"; retryAfterMs: number }
  | { kind: "failed" }
  /** Right password, unknown browser: a code is on its way; keep `pendingSignIn` in a cookie. */
  | { kind: "device-code"; pendingSignIn: string }
  /** Password and browser done, but the account has TOTP on: keep `pendingMfa` in a cookie and ask for the code. */
  | { kind: "totp"; userId: string; pendingMfa: string; deviceSecret: string | null }
  /** Done: hand `grant` to the "grant" provider; store `deviceSecret` (when set) in the device cookie. */
  | { kind: "signed-in"; userId: string; grant: string; deviceSecret: string | null };

/**
 * A password sign-in for staff and recipients, in order: throttle (per email + network address, and per
 * network address), password, then the browser: a known device, or a portal link for this very address
 * clicked in this browser (which it consumes), completes the sign-in; any other browser gets an emailed code.
 * An account with TOTP on then still needs its authenticator code (lib/auth/totp/verify-totp-sign-in.ts), and
 * `user.signed_in` is recorded only there. Failures and throttling are audited; the password never is.
 */
export async function attemptPasswordSignIn(input: { email: string; password: string }, ctx: SignInContext): Promise<PasswordSignInResult> {
  const now = ctx.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const ip = ctx.sourceIp ?? "unknown";
  const retryAfterMs = Math.max(await signInByEmailAndIp.retryAfterMs(`${email}|${ip}`), await signInByIp.retryAfterMs(ip));
  if (retryAfterMs > 0) {
    await getDb().$transaction((tx) =>
      recordAuditEvent(tx, {
        type: "user.sign_in_throttled",
        actorType: "system",
        sourceIp: ctx.sourceIp,
        outcome: "denied",
        data: { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) },
      }),
    );
    return { kind: "throttled", retryAfterMs };
  }
  const actor = await checkPassword(input, ctx.sourceIp);
  if (!actor) {
    await Promise.all([signInByEmailAndIp.hit(`${email}|${ip}`), signInByIp.hit(ip)]);
    return { kind: "failed" };
  }
  await signInByEmailAndIp.reset(`${email}|${ip}`);
  const proof = ctx.addressProof?.email === actor.email ? ctx.addressProof : null;
  const [known, totp] = await Promise.all([isKnownDevice(actor.id, ctx.deviceSecrets, now), hasTotp(actor.id)]);
  if (!known && !proof) {
    const challenge = await startDeviceChallenge(actor.id, { sourceIp: ctx.sourceIp, now });
    return { kind: "device-code", pendingSignIn: challenge.pendingSignIn };
  }
  const deviceSecret = await getDb().$transaction(async (tx) => {
    // The link proves the address once: a browser that used it becomes a known device.
    const viaLink = proof !== null && (await consumeAddressProof(tx, proof, actor.id, now));
    if (!known && !viaLink) return undefined;
    const secret = known ? null : await recordKnownDevice(tx, actor.id, ctx.userAgent);
    if (totp) return secret;
    await recordAuditEvent(tx, {
      type: "user.signed_in",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp,
      recipientId: viaLink ? proof.recipientId : null,
      messageId: viaLink ? proof.messageId : null,
      outcome: "success",
      data: { via: "password", device: known ? "known" : "portal-link" },
    });
    return secret;
  });
  if (deviceSecret === undefined) {
    // The link was used up between reading the proof and this transaction: fall back to a code.
    const challenge = await startDeviceChallenge(actor.id, { sourceIp: ctx.sourceIp, now });
    return { kind: "device-code", pendingSignIn: challenge.pendingSignIn };
  }
  if (totp) {
    const pendingMfa = createPendingMfa(actor.id, { via: "password", device: known ? "known" : "portal-link" }, now);
    return { kind: "totp", userId: actor.id, pendingMfa, deviceSecret };
  }
  return { kind: "signed-in", userId: actor.id, grant: createSignInGrant(actor.id, now), deviceSecret };
}
