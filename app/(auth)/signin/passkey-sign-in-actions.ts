"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { signIn } from "@/lib/auth/auth";
import { clearedChallengeCookie } from "@/lib/auth/passkeys/challenge-cookie";
import { createPasskeyAuthenticationOptions } from "@/lib/auth/passkeys/create-authentication-options";
import { toLocalPath } from "@/lib/auth/to-local-path";

// Passkey sign-in from /signin. Public endpoints: the options step writes nothing but a cookie, and the
// "passkey" provider (lib/auth/passkey-provider.ts) verifies everything the browser sends in the second step.

/** Step one: options for navigator.credentials.get(), challenge in a signed HttpOnly cookie. */
export async function passkeySignInOptionsAction(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { options, cookie } = await createPasskeyAuthenticationOptions();
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  return options;
}

/** Step two: hand the assertion to Auth.js; on success this redirects (throws) to `callbackUrl`. */
export async function passkeySignInAction(response: unknown, callbackUrl: unknown): Promise<{ error: "failed" }> {
  // The provider reads the challenge from this request's Cookie header; the browser need not keep it after.
  const cleared = clearedChallengeCookie();
  (await cookies()).set(cleared.name, cleared.value, cleared.options);
  try {
    await signIn("passkey", { response: JSON.stringify(response ?? null), redirectTo: toLocalPath(callbackUrl) });
  } catch (error) {
    // A refused assertion is an AuthError (CredentialsSignin, audited by lib); success throws Next's redirect.
    if (error instanceof AuthError) return { error: "failed" };
    throw error;
  }
  return { error: "failed" };
}
