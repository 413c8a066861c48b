import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { Actor } from "@/lib/auth/roles";
import { CHALLENGE_TTL_MS, createChallengeCookie, type CookieToSet } from "@/lib/auth/passkeys/challenge-cookie";
import { getRelyingParty } from "@/lib/auth/passkeys/relying-party";
import { toUserHandle } from "@/lib/auth/passkeys/user-handle";
import { getDb } from "@/lib/db";

/**
 * Step one of adding a passkey for the signed-in actor: the options for the browser's
 * `navigator.credentials.create()` and the cookie that carries the expected challenge to step two.
 * Discoverable ("resident") credentials are required so the sign-in page can ask for a passkey without first
 * asking who you are, and user verification is required because the passkey replaces the password.
 */
export async function createPasskeyRegistrationOptions(actor: Actor): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; cookie: CookieToSet }> {
  const rp = getRelyingParty();
  const existing = await getDb().passkey.findMany({ where: { userId: actor.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: actor.email,
    userDisplayName: actor.name,
    userID: toUserHandle(actor.id),
    attestationType: "none",
    timeout: CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports ? p.transports.split(",") : undefined })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
  return { options, cookie: createChallengeCookie({ challenge: options.challenge, purpose: "register", userId: actor.id }) };
}
