import Credentials from "next-auth/providers/credentials";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { challengeCookieFromHeader } from "@/lib/auth/passkeys/challenge-cookie";
import { verifyPasskeySignIn } from "@/lib/auth/passkeys/verify-passkey-sign-in";

/**
 * Auth.js provider "passkey": a Credentials-type provider whose one field is the browser's WebAuthn assertion
 * (JSON). The expected challenge comes from the signed HttpOnly cookie set when the options were issued; it
 * arrives with the request, also when `signIn("passkey", …)` runs inside a server action. Unlike a password,
 * an assertion cannot be guessed, so this public callback needs no throttle; and it needs no device code
 * (see verifyPasskeySignIn).
 */
export const passkeyProvider = Credentials({
  id: "passkey",
  name: "Passkey",
  credentials: { response: {} },
  authorize: (credentials, request) =>
    verifyPasskeySignIn(
      { response: credentials.response, challengeCookie: challengeCookieFromHeader(request.headers.get("cookie")) },
      { sourceIp: getClientIp(request.headers) },
    ),
});
