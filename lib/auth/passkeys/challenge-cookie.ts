import { getConfig } from "@/lib/config";
import { readSignedValue, signValue } from "@/lib/auth/signed-value";

// The expected WebAuthn challenge between the two halves of a ceremony (options → browser → verify) lives in a
// cookie instead of a table: HttpOnly, SameSite=Strict, 5 minutes, HMAC-SHA256-signed under AUTH_SECRET
// (lib/auth/signed-value.ts), so the browser carries it but can neither read nor forge it. The challenge is 256
// random bits from @simplewebauthn/server. A cookie alone could be replayed within its 5 minutes, so
// consume-challenge.ts also marks each challenge used in the database when a ceremony succeeds.

export const CHALLENGE_TTL_MS = 5 * 60_000;

export type ChallengePurpose = "register" | "authenticate";

export type ChallengeClaims = { challenge: string; purpose: ChallengePurpose; userId: string | null; expiresAt: Date };

export type CookieToSet = {
  name: string;
  value: string;
  options: { httpOnly: true; secure: boolean; sameSite: "strict"; path: "/"; maxAge: number };
};

/** `__Host-` (RFC 6265bis §4.1.3.2) pins the cookie to this exact host when it is served over HTTPS. */
export function challengeCookieName(): string {
  return isSecure() ? "__Host-sealpost-passkey" : "sealpost-passkey";
}

export function createChallengeCookie(input: { challenge: string; purpose: ChallengePurpose; userId: string | null; now?: Date }): CookieToSet {
  const payload = { challenge: input.challenge, purpose: input.purpose, userId: input.userId };
  return {
    name: challengeCookieName(),
    value: signValue("passkey-challenge", payload, CHALLENGE_TTL_MS, input.now),
    options: { httpOnly: true, secure: isSecure(), sameSite: "strict", path: "/", maxAge: CHALLENGE_TTL_MS / 1000 },
  };
}

/** Clears the cookie once a ceremony has been answered (its challenge is spent either way). */
export function clearedChallengeCookie(): CookieToSet {
  return { name: challengeCookieName(), value: "", options: { httpOnly: true, secure: isSecure(), sameSite: "strict", path: "/", maxAge: 0 } };
}

/** The claims of a cookie value when its signature is valid, its purpose matches and it has not expired. */
export function readChallengeCookie(value: string | null | undefined, purpose: ChallengePurpose, now = new Date()): ChallengeClaims | null {
  const claims = readSignedValue("passkey-challenge", value, now);
  if (!claims || claims.purpose !== purpose || typeof claims.challenge !== "string" || typeof claims.exp !== "number") return null;
  const userId = typeof claims.userId === "string" ? claims.userId : null;
  return { challenge: claims.challenge, purpose, userId, expiresAt: new Date(claims.exp) };
}

/** The challenge cookie's value from a raw Cookie header (the Auth.js provider sees only the request). */
export function challengeCookieFromHeader(header: string | null): string | null {
  const name = challengeCookieName();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

function isSecure(): boolean {
  return getConfig().publicUrl.startsWith("https:");
}
