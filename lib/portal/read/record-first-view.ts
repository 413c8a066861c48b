import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { RecipientAccess } from "@/lib/portal/require-message-access";
import { enqueueJob } from "@/lib/queue/enqueue-job";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export type ViewContext = { sourceIp: string | null; userAgent: string | null; now?: Date };

/**
 * Records the first human view of a message by its rightful recipient: time, IP and user agent, the audit event
 * `message.opened`, the `opened` webhook and the sender's receipt job, all in one transaction. Only the call
 * that flips firstViewedAt from null does any of it, so re-opening (or two tabs racing) never sends a second
 * receipt. Callers reach this only from the read page's own view beacon (a POST a real browser sends after
 * showing the message) — never from the scanner-safe landing, a prefetch or a HEAD. Returns whether this call
 * was the first view.
 */
export async function recordFirstView(actor: Actor, access: RecipientAccess, ctx: ViewContext): Promise<boolean> {
  const { recipient, message } = access;
  const at = ctx.now ?? new Date();
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.recipient.updateMany({
      where: { id: recipient.id, firstViewedAt: null, status: "escrowed", revokedAt: null },
      data: {
        firstViewedAt: at,
        firstViewIp: ctx.sourceIp,
        firstViewUserAgent: ctx.userAgent?.slice(0, 500) ?? null,
      },
    });
    if (count !== 1) return false;
    await recordAuditEvent(tx, {
      type: "message.opened",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp,
      messageId: message.id,
      recipientId: recipient.id,
      outcome: "success",
      data: { userAgent: ctx.userAgent?.slice(0, 200) ?? null },
    });
    await emitWebhookEvent(tx, { event: "opened", messageId: message.id, recipientId: recipient.id, data: { openedAt: at.toISOString() } });
    await enqueueJob(tx, { kind: "notify-sender", recipientId: recipient.id, messageId: message.id, payload: { notice: "receipt" } });
    return true;
  });
}
