import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { CHALLENGE_TTL_MS, createChallengeCookie, type CookieToSet } from "@/lib/auth/passkeys/challenge-cookie";
import { getRelyingParty } from "@/lib/auth/passkeys/relying-party";

/**
 * Step one of signing in with a passkey. No account is named: allowCredentials stays empty, so the browser
 * offers the discoverable passkeys it holds for this site and the response's credential id says whose it is.
 */
export async function createPasskeyAuthenticationOptions(): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; cookie: CookieToSet }> {
  const rp = getRelyingParty();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "required", timeout: CHALLENGE_TTL_MS });
  return { options, cookie: createChallengeCookie({ challenge: options.challenge, purpose: "authenticate", userId: null }) };
}
