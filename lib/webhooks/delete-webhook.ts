import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { describeWebhookUrl } from "@/lib/webhooks/describe-webhook-url";
import { findOwnWebhook, type RequestContext } from "@/lib/webhooks/find-own-webhook";

/**
 * Deletes a webhook and its delivery history. Queued `webhook` jobs stay behind and complete without sending
 * (their delivery row is gone), so nothing more reaches the endpoint.
 */
export async function deleteWebhook(actor: Actor, webhookId: string, ctx: RequestContext = {}): Promise<void> {
  const webhook = await findOwnWebhook(actor, webhookId, ctx);
  await getDb().$transaction(async (tx) => {
    await tx.webhookDelivery.deleteMany({ where: { webhookId: webhook.id } });
    const { count } = await tx.webhook.deleteMany({ where: { id: webhook.id } });
    if (count !== 1) return;
    await recordAuditEvent(tx, {
      type: "webhook.deleted",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { webhookId: webhook.id, ownerUserId: webhook.ownerUserId, target: describeWebhookUrl(webhook.url) },
    });
  });
}
