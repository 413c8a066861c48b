import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { getSignedInActor } from "@/lib/auth/get-signed-in-actor";
import { readSessionClaims } from "@/lib/auth/read-session-claims";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { hasRole, STAFF_ROLES, type Actor, type Role } from "@/lib/auth/roles";
import { actorNeedsMfaSetup } from "@/lib/auth/totp/needs-mfa-setup";

// Gates for server components, server actions and route handlers. Each page and action calls one itself:
// layouts and proxy.ts are not security boundaries.

/** Where a staff member sets up (or turns off) their authenticator app. */
export const MFA_SETUP_PATH = "/account/mfa";

/**
 * The signed-in actor or null; never redirects. For pages that look different when signed in. A signed-out
 * session (its id revoked) and one whose version is older than the user's (signed out everywhere, password
 * changed) count as signed out (lib/auth/get-signed-in-actor.ts). Route handlers use getRouteActor instead.
 */
export async function getCurrentActor(): Promise<Actor | null> {
  const claims = readSessionClaims(await auth());
  return claims ? getSignedInActor(claims) : null;
}

/**
 * The signed-in actor for a route handler, or null (answer 404 or 401). Also null for a staff member who must
 * still set up two-step sign-in (the organisation requires it): a route cannot show the setup page, and a
 * download or export is exactly what the requirement protects. API tokens are checked elsewhere and unaffected.
 */
export async function getRouteActor(): Promise<Actor | null> {
  const actor = await getCurrentActor();
  return actor && !(await actorNeedsMfaSetup(actor)) ? actor : null;
}

async function requireSignedIn(path: string): Promise<Actor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return actor;
}

/**
 * The signed-in actor. Signed-out visitors (and deactivated users) are redirected to the sign-in page, which
 * brings them back to `path` afterwards. A staff member who must set up two-step sign-in first (required by the
 * organisation, lib/auth/totp/needs-mfa-setup.ts) is sent to the setup page, which brings them back after.
 */
export async function requireUser(path: string): Promise<Actor> {
  const actor = await requireSignedIn(path);
  if (await actorNeedsMfaSetup(actor)) redirect(`${MFA_SETUP_PATH}?next=${encodeURIComponent(path)}`);
  return actor;
}

/**
 * The signed-in actor when their role is one of `roles`. A wrong role is audited (`access.denied`) and answered
 * with the not-found page, so the page's existence is not confirmed to people who may not use it.
 */
export async function requireRole(roles: readonly Role[], path: string): Promise<Actor> {
  const actor = await requireUser(path);
  return denyUnlessRole(actor, roles, path);
}

/**
 * requireRole(STAFF_ROLES) without the required-MFA redirect: for the setup page and its actions only, which
 * must stay reachable to the people the requirement sends there.
 */
export async function requireStaffForMfaSetup(path: string): Promise<Actor> {
  return denyUnlessRole(await requireSignedIn(path), STAFF_ROLES, path);
}

async function denyUnlessRole(actor: Actor, roles: readonly Role[], path: string): Promise<Actor> {
  if (!hasRole(actor, roles)) {
    await recordAccessDenied({ actor, resource: path, reason: "role", sourceIp: getClientIp(await headers()) });
    notFound();
  }
  return actor;
}
