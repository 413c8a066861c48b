import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { getSignedInActor } from "@/lib/auth/get-signed-in-actor";
import { readSessionClaims } from "@/lib/auth/read-session-claims";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { hasRole, type Actor, type Role } from "@/lib/auth/roles";

// Gates for server components, server actions and route handlers. Each page and action calls one itself:
// layouts and proxy.ts are not security boundaries.

/**
 * The signed-in actor or null; never redirects. For pages that look different when signed in. A signed-out
 * session (its id revoked) and one whose version is older than the user's (signed out everywhere, password
 * changed) count as signed out (lib/auth/get-signed-in-actor.ts).
 */
export async function getCurrentActor(): Promise<Actor | null> {
  const claims = readSessionClaims(await auth());
  return claims ? getSignedInActor(claims) : null;
}

/**
 * The signed-in actor. Signed-out visitors (and deactivated users) are redirected to the sign-in page, which
 * brings them back to `path` afterwards.
 */
export async function requireUser(path: string): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return actor;
}

/**
 * The signed-in actor when their role is one of `roles`. A wrong role is audited (`access.denied`) and answered
 * with the not-found page, so the page's existence is not confirmed to people who may not use it.
 */
export async function requireRole(roles: readonly Role[], path: string): Promise<Actor> {
  const actor = await requireUser(path);
  if (!hasRole(actor, roles)) {
    await recordAccessDenied({ actor, resource: path, reason: "role", sourceIp: getClientIp(await headers()) });
    notFound();
  }
  return actor;
}
