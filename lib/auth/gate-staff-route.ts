import { getClientIp } from "@/lib/auth/get-client-ip";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { getRouteActor } from "@/lib/auth/require-role";
import { hasRole, type Actor, type Role } from "@/lib/auth/roles";

/** A short plain-text answer that no browser sniffs, frames or caches. */
export function plainResponse(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

export type StaffRouteGate = { ok: true; actor: Actor; sourceIp: string | null } | { ok: false; response: Response };

/**
 * The gate for a route handler used by staff roles: the signed-in actor when their role is one of `roles`,
 * else a bare 404 (audited for signed-in people), so the route's existence is not confirmed. Signed-out
 * visitors and staff who must still set up two-step sign-in also get the 404 (lib/auth/require-role.ts).
 */
export async function gateStaffRoute(request: Request, roles: readonly Role[]): Promise<StaffRouteGate> {
  const actor = await getRouteActor();
  const sourceIp = getClientIp(request.headers);
  if (!actor) return { ok: false, response: plainResponse(404, "Not found") };
  if (!hasRole(actor, roles)) {
    await recordAccessDenied({ actor, resource: new URL(request.url).pathname, reason: "role", sourceIp });
    return { ok: false, response: plainResponse(404, "Not found") };
  }
  return { ok: true, actor, sourceIp };
}
