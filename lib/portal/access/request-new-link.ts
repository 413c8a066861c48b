import { recordAuditEvent } from "@/lib/audit/record-event";
import { newLinksByIp, newLinksByRecipient } from "@/lib/auth/throttle-rules";
import { getDb } from "@/lib/db";
import { getOpenLink } from "@/lib/portal/access/get-open-link";
import { enqueueJob } from "@/lib/queue/enqueue-job";

/**
 * "Send me a new link" on the expired-link page: queues a fresh notification (a new link, which retires the
 * old one) to the recipient address, never to anyone else, so the request proves nothing and needs no account.
 * The caller shows the same answer whatever happens here (no enumeration); the audit trail
 * (`notification.resent`, requestedBy: "recipient") records what did. Only an expired link of a message that
 * can still be read qualifies, and requests are limited per recipient and per network address.
 */
export async function requestNewLink(token: string, ctx: { sourceIp: string | null; now?: Date }): Promise<void> {
  const now = ctx.now ?? new Date();
  const open = await getOpenLink(token, now);
  if (open.state !== "expired") return;
  const { link } = open;
  const limited = Math.max(await newLinksByRecipient.hit(link.recipientId), await newLinksByIp.hit(ctx.sourceIp ?? "unknown")) > 0;
  await getDb().$transaction(async (tx) => {
    // Clearing notifiedAt is what makes the notify job send again (it skips recipients already told); the
    // condition keeps a revoked or ended access from being re-notified by a request racing the sender.
    const { count } = limited
      ? { count: 0 }
      : await tx.recipient.updateMany({
          where: { id: link.recipientId, status: "escrowed", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
          data: { notifiedAt: null },
        });
    if (count === 1) {
      await enqueueJob(tx, { kind: "notify-recipient", recipientId: link.recipientId, messageId: link.messageId, payload: { resend: true } });
    }
    await recordAuditEvent(tx, {
      type: "notification.resent",
      actorType: "system",
      sourceIp: ctx.sourceIp,
      messageId: link.messageId,
      recipientId: link.recipientId,
      outcome: count === 1 ? "success" : "denied",
      data: { requestedBy: "recipient", accessTokenId: link.accessTokenId, ...(limited ? { reason: "throttled" } : {}) },
    });
  });
}
