import { verifyAuthenticationResponse, type VerifiedAuthenticationResponse } from "@simplewebauthn/server";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { SessionUser } from "@/lib/auth/load-session-user";
import { isRole } from "@/lib/auth/roles";
import { readChallengeCookie } from "@/lib/auth/passkeys/challenge-cookie";
import { consumeChallenge } from "@/lib/auth/passkeys/consume-challenge";
import { parseAuthenticationResponse } from "@/lib/auth/passkeys/passkey-schemas";
import { getRelyingParty } from "@/lib/auth/passkeys/relying-party";
import { userHandleMatches } from "@/lib/auth/passkeys/user-handle";
import { getDb } from "@/lib/db";

export type PasskeySignInFailure =
  | "invalid-input"
  | "challenge"
  | "unknown-passkey"
  | "user-handle"
  | "verification"
  | "deactivated"
  | "replayed";

export type PasskeySignInInput = { response: unknown; challengeCookie: string | null | undefined };

/**
 * Step two of signing in with a passkey, for the Auth.js `passkey` provider: verifies the assertion (challenge
 * from the signed cookie, origin, RP ID, user verification, signature, and a signature counter that must grow
 * when the authenticator keeps one), then stores the new counter, marks the challenge used and audits
 * `user.signed_in` in one transaction. Every refusal is audited as `user.sign_in_failed` and returns null.
 * Returns the SessionUser every provider returns (lib/auth/load-session-user.ts), so the JWT gets sessionVersion.
 * A passkey sign-in needs no emailed new-device code: the passkey with user verification is itself the proof
 * that a code would give (possession of something bound to this person), and stronger.
 */
export async function verifyPasskeySignIn(input: PasskeySignInInput, ctx: { sourceIp?: string | null; now?: Date } = {}): Promise<SessionUser | null> {
  const now = ctx.now ?? new Date();
  const sourceIp = ctx.sourceIp ?? null;
  const fail = (reason: PasskeySignInFailure, userId: string | null = null) => recordFailure(reason, userId, sourceIp);

  const response = parseAuthenticationResponse(input.response);
  if (!response) return fail("invalid-input");
  const claims = readChallengeCookie(input.challengeCookie, "authenticate", now);
  if (!claims) return fail("challenge");
  const passkey = await getDb().passkey.findUnique({
    where: { credentialId: response.id },
    select: {
      id: true, publicKey: true, counter: true, transports: true,
      user: { select: { id: true, email: true, name: true, role: true, sessionVersion: true, deactivatedAt: true } },
    },
  });
  if (!passkey) return fail("unknown-passkey");
  const { user } = passkey;
  if (!userHandleMatches(response.response.userHandle, user.id)) return fail("user-handle", user.id);

  const rp = getRelyingParty();
  let verified: VerifiedAuthenticationResponse;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: claims.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: response.id,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports ? passkey.transports.split(",") : undefined,
      },
    });
  } catch {
    // Wrong origin or RP, bad signature, counter gone backwards (a cloned authenticator), no user verification.
    return fail("verification", user.id);
  }
  if (!verified.verified) return fail("verification", user.id);
  if (user.deactivatedAt || !isRole(user.role)) return fail("deactivated", user.id);

  const accepted = await getDb().$transaction(async (tx) => {
    if (!(await consumeChallenge(tx, claims.challenge, claims.expiresAt, now))) return false;
    // Conditional on the counter read above: two uses of one assertion racing each other cannot both win.
    const { count } = await tx.passkey.updateMany({
      where: { id: passkey.id, counter: passkey.counter },
      data: { counter: verified.authenticationInfo.newCounter, lastUsedAt: now },
    });
    if (count !== 1) return false;
    await recordAuditEvent(tx, {
      type: "user.signed_in",
      actorType: "user",
      actorId: user.id,
      sourceIp,
      outcome: "success",
      data: { via: "passkey", passkeyId: passkey.id },
    });
    return true;
  });
  if (!accepted) return fail("replayed", user.id);
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

async function recordFailure(reason: PasskeySignInFailure, userId: string | null, sourceIp: string | null): Promise<null> {
  await getDb().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      type: "user.sign_in_failed",
      actorType: userId ? "user" : "system",
      actorId: userId,
      sourceIp,
      outcome: "failure",
      data: { via: "passkey", reason },
    });
  });
  return null;
}
