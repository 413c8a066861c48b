import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, hasRole, type Actor, type Role } from "@/lib/auth/roles";

// Retention, legal hold and shredding belong to the organisation's admins and compliance officers; senders and
// recipients never change how long content is kept. Pages and actions gate first; this is defence in depth.
export const RETENTION_ROLES: readonly Role[] = ["admin", "compliance"];

/** Throws AccessDeniedError (audited as `access.denied`) unless the actor is an admin or compliance officer. */
export async function requireRetentionRole(
  actor: Actor,
  resource: string,
  ctx: { sourceIp?: string | null; messageId?: string | null } = {},
): Promise<void> {
  if (hasRole(actor, RETENTION_ROLES)) return;
  await recordAccessDenied({ actor, resource, reason: "role", messageId: ctx.messageId ?? null, sourceIp: ctx.sourceIp });
  throw new AccessDeniedError(actor.id, resource);
}
