import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { findBreakGlassGrant, type BreakGlassGrantView } from "@/lib/compliance/find-break-glass-grant";
import { getOrgSettings } from "@/lib/settings/org-settings";

export type BreakGlassContext = { sourceIp?: string | null; now?: Date };

/**
 * The gate in front of message content for compliance staff ("break-glass"): the compliance role (admins,
 * senders and recipients never pass here: their own gates are in lib/portal/require-message-access.ts), the
 * organisation setting switched on, and a grant of this person for this message that has not expired.
 * Anything else is audited (`access.denied`) and thrown as AccessDeniedError, which callers answer with a 404.
 */
export async function requireBreakGlassGrant(actor: Actor, messageId: string, ctx: BreakGlassContext = {}): Promise<BreakGlassGrantView> {
  const resource = `message-content:${messageId}`;
  const deny = async (reason: string): Promise<never> => {
    await recordAccessDenied({ actor, resource, reason, messageId, sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, resource);
  };
  if (actor.role !== "compliance") return deny("role");
  if (!(await getOrgSettings()).breakGlassEnabled) return deny("break-glass-disabled");
  const grant = await findBreakGlassGrant(actor, messageId, ctx.now);
  return grant ?? deny("no-break-glass-grant");
}
