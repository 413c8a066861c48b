import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { enqueueJob } from "@/lib/queue/enqueue-job";
import { parseWebhookEvents, type WebhookEvent } from "@/lib/webhooks/webhook-events";

export type WebhookEventInput = {
  event: WebhookEvent;
  messageId: string;
  recipientId?: string | null;
  /** Extra metadata for the payload. Never message content, subjects or secrets: receivers log payloads. */
  data?: Record<string, unknown>;
};

/**
 * Queues one signed POST per subscribed webhook, inside the caller's transaction: the event exists exactly
 * when the change it reports does, and a crash before the POST leaves a job that sends it later.
 * Receivers: the message's sender's own active webhooks, plus every admin's (admins watch all senders).
 */
export async function emitWebhookEvent(tx: Tx, input: WebhookEventInput): Promise<void> {
  // One indexed query on the hot delivery path; most installations have no webhooks at all.
  const webhooks = await tx.webhook.findMany({
    where: {
      active: true,
      owner: { deactivatedAt: null },
      OR: [{ owner: { role: "admin" } }, { owner: { messages: { some: { id: input.messageId } } } }],
    },
    select: { id: true, events: true },
  });
  const subscribed = webhooks.filter((webhook) => parseWebhookEvents(webhook.events).includes(input.event));
  if (subscribed.length === 0) return;

  const data = { ...input.data, ...(await describeRecipient(tx, input.messageId, input.recipientId ?? null)) };
  const createdAt = new Date();
  for (const webhook of subscribed) {
    // The delivery id doubles as the event id receivers use to drop duplicates (a retry resends the same body).
    const id = randomUUID();
    const payload = JSON.stringify({ id, type: `message.${input.event}`, createdAt: createdAt.toISOString(), data });
    await tx.webhookDelivery.create({ data: { id, webhookId: webhook.id, event: input.event, payload, createdAt } });
    await enqueueJob(tx, {
      kind: "webhook",
      messageId: input.messageId,
      recipientId: input.recipientId ?? null,
      payload: { deliveryId: id },
    });
  }
}

/** Event metadata about the recipient: address, outcome and TLS details, nothing of the message itself. */
async function describeRecipient(tx: Tx, messageId: string, recipientId: string | null): Promise<Record<string, unknown>> {
  if (!recipientId) return { messageId, recipientId: null };
  const recipient = await tx.recipient.findFirst({
    where: { id: recipientId, messageId },
    select: { address: true, status: true, outcomeClass: true, tlsProtocol: true, tlsCipher: true },
  });
  if (!recipient) return { messageId, recipientId };
  return {
    messageId,
    recipientId,
    recipient: recipient.address,
    status: recipient.status,
    ...(recipient.outcomeClass ? { failureClass: recipient.outcomeClass } : {}),
    ...(recipient.tlsProtocol ? { tls: { protocol: recipient.tlsProtocol, cipher: recipient.tlsCipher } } : {}),
  };
}
