import { verifyRegistrationResponse, type VerifiedRegistrationResponse } from "@simplewebauthn/server";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { readChallengeCookie } from "@/lib/auth/passkeys/challenge-cookie";
import { consumeChallenge } from "@/lib/auth/passkeys/consume-challenge";
import { PasskeyError } from "@/lib/auth/passkeys/passkey-error";
import { parseRegistrationResponse, passkeyNameSchema, toTransportList } from "@/lib/auth/passkeys/passkey-schemas";
import { getRelyingParty } from "@/lib/auth/passkeys/relying-party";
import { getDb } from "@/lib/db";

export type RegisterPasskeyInput = {
  response: unknown;
  name: unknown;
  /** Used when `name` is empty: the page passes its own language's word for "Passkey". */
  fallbackName?: string;
  challengeCookie: string | null | undefined;
};

/**
 * Step two of adding a passkey: verifies the browser's attestation against the challenge from step one (same
 * user, not expired, not used before), origin and RP ID, then stores the credential and audits
 * `passkey.registered`. Attestation is "none": Sealpost does not restrict which authenticators people use.
 * @throws PasskeyError
 */
export async function registerPasskey(
  actor: Actor,
  input: RegisterPasskeyInput,
  ctx: { sourceIp?: string | null; now?: Date } = {},
): Promise<{ id: string; name: string }> {
  const now = ctx.now ?? new Date();
  const response = parseRegistrationResponse(input.response);
  if (!response) throw new PasskeyError("invalid-input");
  const claims = readChallengeCookie(input.challengeCookie, "register", now);
  if (!claims || claims.userId !== actor.id) throw new PasskeyError("challenge");
  const rp = getRelyingParty();
  let verified: VerifiedRegistrationResponse;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: claims.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch {
    // The library's message says which check failed; the person can only retry, so it is not shown.
    throw new PasskeyError("verification");
  }
  if (!verified.verified) throw new PasskeyError("verification");
  const { credential } = verified.registrationInfo;
  const name = passkeyNameSchema.parse(input.name) || input.fallbackName || "Passkey";

  return getDb().$transaction(async (tx) => {
    if (!(await consumeChallenge(tx, claims.challenge, claims.expiresAt, now))) throw new PasskeyError("challenge");
    if (await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) {
      throw new PasskeyError("already-registered");
    }
    const row = await tx.passkey.create({
      data: {
        userId: actor.id,
        credentialId: credential.id,
        publicKey: new Uint8Array(credential.publicKey),
        counter: credential.counter,
        transports: toTransportList(credential.transports),
        name,
      },
      select: { id: true, name: true },
    });
    await recordAuditEvent(tx, {
      type: "passkey.registered",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { passkeyId: row.id, name: row.name, deviceType: verified.registrationInfo.credentialDeviceType },
    });
    return row;
  });
}
