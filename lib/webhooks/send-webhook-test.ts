import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { enqueueJob } from "@/lib/queue/enqueue-job";
import { findOwnWebhook, type RequestContext } from "@/lib/webhooks/find-own-webhook";

/**
 * Queues a `webhook.test` event for one webhook, signed and retried like a real one, so its owner can check
 * the receiver and its signature code before real events arrive. Returns the delivery id.
 */
export async function sendWebhookTest(actor: Actor, webhookId: string, ctx: RequestContext = {}): Promise<string> {
  const webhook = await findOwnWebhook(actor, webhookId, ctx);
  const id = randomUUID();
  const createdAt = new Date();
  const payload = JSON.stringify({ id, type: "webhook.test", createdAt: createdAt.toISOString(), data: { webhookId: webhook.id } });
  await getDb().$transaction(async (tx) => {
    await tx.webhookDelivery.create({ data: { id, webhookId: webhook.id, event: "test", payload, createdAt } });
    await enqueueJob(tx, { kind: "webhook", payload: { deliveryId: id } });
  });
  return id;
}
