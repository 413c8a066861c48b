import { headers } from "next/headers";
import { auth, signOut } from "@/lib/auth/auth";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { readSessionClaims } from "@/lib/auth/read-session-claims";
import { revokeSession } from "@/lib/auth/revoke-session";

/**
 * Signs the current browser out: revokes the session's id first (lib/auth/revoke-session.ts), then clears the
 * cookie and redirects to `redirectTo`. Revoking first matters: clearing the cookie alone loses to any request
 * already in flight that re-issues it. Server actions only; like every Next redirect it throws, so call it last.
 */
export async function signOutCurrentSession(redirectTo: string): Promise<void> {
  const claims = readSessionClaims(await auth());
  if (claims?.sid) await revokeSession({ userId: claims.userId, sid: claims.sid }, { sourceIp: getClientIp(await headers()) });
  await signOut({ redirectTo });
}
