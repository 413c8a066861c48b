import type { Session } from "next-auth";

/** What a gate needs from a session: whose it is, the session version and the session id from sign-in. */
export type SessionClaims = { userId: string; sessionVersion: number; sid: string | null };

/**
 * The claims that lib/auth/auth.config.ts's session callback copies out of the JWT, or null when there is no
 * session. Missing fields (tokens from before they existed) read as version 0 and no session id.
 */
export function readSessionClaims(session: Session | null): SessionClaims | null {
  const user = session?.user;
  if (!user?.id) return null;
  const sessionVersion = "sessionVersion" in user && typeof user.sessionVersion === "number" ? user.sessionVersion : 0;
  const sid = "sid" in user && typeof user.sid === "string" && user.sid !== "" ? user.sid : null;
  return { userId: user.id, sessionVersion, sid };
}
