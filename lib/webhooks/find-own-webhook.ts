import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type RequestContext = { sourceIp?: string | null };

/**
 * The webhook `webhookId` when `actor` may manage it: its owner, or any admin. Otherwise audits the denial and
 * throws AccessDeniedError, the same for "not yours" and "does not exist" so ids cannot be probed.
 */
export async function findOwnWebhook(actor: Actor, webhookId: string, ctx: RequestContext): Promise<{ id: string; ownerUserId: string; url: string; active: boolean }> {
  assertRole(actor, ["admin", "sender"], "webhooks");
  const webhook = await getDb().webhook.findUnique({
    where: { id: webhookId },
    select: { id: true, ownerUserId: true, url: true, active: true },
  });
  if (!webhook || (webhook.ownerUserId !== actor.id && actor.role !== "admin")) {
    await recordAccessDenied({ actor, resource: `webhook:${webhookId.slice(0, 64)}`, reason: webhook ? "not-owner" : "not-found", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, "webhook");
  }
  return webhook;
}
