import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { findOwnWebhook, type RequestContext } from "@/lib/webhooks/find-own-webhook";

/**
 * Pauses or resumes a webhook. While paused no new events are queued for it, and deliveries already queued
 * end as failed instead of being sent.
 */
export async function setWebhookActive(actor: Actor, webhookId: string, active: boolean, ctx: RequestContext = {}): Promise<void> {
  const webhook = await findOwnWebhook(actor, webhookId, ctx);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.webhook.updateMany({
      where: { id: webhook.id, active: !active },
      data: { active, disabledAt: active ? null : new Date() },
    });
    if (count !== 1) return;
    await recordAuditEvent(tx, {
      type: "webhook.updated",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { webhookId: webhook.id, active },
    });
  });
}
