import { loadSessionUser, type SessionUser } from "@/lib/auth/load-session-user";
import { readSignedValue, signValue } from "@/lib/auth/signed-value";

// How a sign-in that lib/auth has fully checked (password, throttling, device, or a registration) becomes an
// Auth.js session: the server action passes a grant to the "grant" provider within the same request. A grant
// never reaches the browser; it is signed with AUTH_SECRET and lives one minute, so the provider's public
// callback endpoint cannot be used to mint sessions.
const GRANT_TTL_MS = 60_000;

export function createSignInGrant(userId: string, now = new Date()): string {
  return signValue("sign-in-grant", { userId }, GRANT_TTL_MS, now);
}

/** The user to issue a session for, or null when the grant is forged, expired or the user is no longer active. */
export async function redeemSignInGrant(grant: unknown, now = new Date()): Promise<SessionUser | null> {
  const payload = readSignedValue("sign-in-grant", typeof grant === "string" ? grant : null, now);
  return typeof payload?.userId === "string" ? loadSessionUser(payload.userId) : null;
}
