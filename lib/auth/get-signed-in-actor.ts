import { getSessionActor } from "@/lib/auth/get-session-actor";
import { isSessionRevoked } from "@/lib/auth/is-session-revoked";
import type { SessionClaims } from "@/lib/auth/read-session-claims";
import type { Actor } from "@/lib/auth/roles";

/**
 * The actor behind a session's claims, or null when the session counts as signed out: its id was revoked by
 * signing out (a cookie re-issued afterwards by a racing request carries the same id), it has no id at all
 * (issued before session ids existed, so it could not be revoked), or getSessionActor refuses the user or the
 * session version.
 */
export async function getSignedInActor(claims: SessionClaims): Promise<Actor | null> {
  if (!claims.sid) return null;
  const [revoked, actor] = await Promise.all([isSessionRevoked(claims.sid), getSessionActor(claims.userId, claims.sessionVersion)]);
  return revoked ? null : actor;
}
