import { loadSessionUser, type SessionUser } from "@/lib/auth/load-session-user";
import { readSignedValue, signValue } from "@/lib/auth/signed-value";
import { hasTotp } from "@/lib/auth/totp/has-totp";

// How a sign-in that lib/auth has fully checked (password, throttling, device, or a registration) becomes an
// Auth.js session: the server action passes a grant to the "grant" provider within the same request. A grant
// never reaches the browser; it is signed with AUTH_SECRET and lives one minute, so the provider's public
// callback endpoint cannot be used to mint sessions.
const GRANT_TTL_MS = 60_000;

/**
 * How the second factor was satisfied, for accounts with TOTP on: "totp" (a code was checked at this sign-in) or
 * "session" (the grant replaces a session that had already passed every factor, e.g. after a password change).
 */
export type GrantSecondFactor = "totp" | "session";

export function createSignInGrant(userId: string, now = new Date(), secondFactor?: GrantSecondFactor): string {
  return signValue("sign-in-grant", { userId, ...(secondFactor ? { secondFactor } : {}) }, GRANT_TTL_MS, now);
}

/**
 * The user to issue a session for, or null when the grant is forged, expired or the user is no longer active.
 * Also null for an account with TOTP on when the grant does not say how the second factor was met: a sign-in
 * path that forgot the TOTP step fails closed instead of issuing a one-factor session.
 */
export async function redeemSignInGrant(grant: unknown, now = new Date()): Promise<SessionUser | null> {
  const payload = readSignedValue("sign-in-grant", typeof grant === "string" ? grant : null, now);
  if (typeof payload?.userId !== "string") return null;
  if (payload.secondFactor !== "totp" && payload.secondFactor !== "session" && (await hasTotp(payload.userId))) return null;
  return loadSessionUser(payload.userId);
}
