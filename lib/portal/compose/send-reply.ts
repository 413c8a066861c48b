import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import type { Tx } from "@/lib/db";
import { acceptMessage, type AcceptedInsert } from "@/lib/intake/accept-message";
import { buildPortalMime } from "@/lib/portal/compose/build-portal-mime";
import { ComposeError } from "@/lib/portal/compose/compose-error";
import { planReply } from "@/lib/portal/compose/plan-reply";
import { prepareAttachments, type UploadedFile } from "@/lib/portal/compose/prepare-attachments";
import { quoteOriginal } from "@/lib/portal/compose/quote-original";
import { readReplyContext } from "@/lib/portal/compose/read-reply-context";
import { toComposeError } from "@/lib/portal/compose/to-compose-error";
import { requireRecipientAccess, type AccessContext } from "@/lib/portal/require-message-access";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

export const MAX_BODY_CHARS = 100_000;

export type ReplyInput = {
  /** The replier's own Recipient row of the message answered. */
  recipientId: string;
  all: boolean;
  text: string;
  /** Writes the localised "On …, … wrote:" line when the original is to be quoted; null to leave it out. */
  quoteAttribution: ((original: { sender: string; sentAt: Date }) => string) | null;
  attachments: UploadedFile[];
  /** From the form, so a double submit sends one reply (acceptMessage's idempotency). */
  idempotencyKey?: string | null;
};

export type SentMessage = { messageId: string; duplicate: boolean; recipients: number };

/**
 * A secure reply (or reply-all) from the portal: a new message through the same pipeline as any other (sealed,
 * one deliver job per recipient: forced TLS to the other side's servers, else escrow), in the original's
 * thread, so a secure thread keeps it out of plain delivery. In the accept transaction the original is marked
 * replied, `message.replied` is audited and the `replied` webhook queued.
 * @throws AccessDeniedError (audited) when the actor may not read the original; RecipientAccessBlockedError
 * when it is revoked, expired or passphrase-locked for them; ComposeError for input the person must fix.
 */
export async function sendReply(actor: Actor, input: ReplyInput, ctx: AccessContext = {}): Promise<SentMessage> {
  const { recipient, message } = await requireRecipientAccess(actor, input.recipientId, ctx);
  if (input.text.length > MAX_BODY_CHARS) throw new ComposeError("body-too-long", String(MAX_BODY_CHARS));
  const maxBytes = getConfig().SMTP_MAX_MESSAGE_BYTES;
  const attachments = await prepareAttachments(input.attachments, maxBytes);
  const original = await readReplyContext(message.id, { name: message.fromName, address: message.fromAddress });
  const plan = planReply(original, actor.email, input.all);
  const to = plan.to.length > 0 ? plan.to : plan.cc;
  const cc = plan.to.length > 0 ? plan.cc : [];
  if (to.length === 0) throw new ComposeError("no-recipients");

  const messageId = randomUUID();
  const attribution = input.quoteAttribution?.({ sender: message.fromName || message.fromAddress, sentAt: message.createdAt });
  const text = attribution ? quoteOriginal(input.text, attribution, original.text) : input.text;
  const raw = await buildPortalMime({
    messageId,
    from: { name: actor.name, address: actor.email },
    to,
    cc,
    subject: plan.subject,
    text,
    attachments,
    inReplyTo: plan.inReplyTo,
    references: plan.references,
  });
  if (raw.length > maxBytes) throw new ComposeError("too-large");

  const markReplied = async (tx: Tx, accepted: AcceptedInsert) => {
    const repliedAt = new Date();
    // The first reply's time is what the sender's timeline shows; later replies are audited but keep it.
    await tx.recipient.updateMany({ where: { id: recipient.id, repliedAt: null }, data: { repliedAt } });
    await recordAuditEvent(tx, {
      type: "message.replied",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      messageId: message.id,
      recipientId: recipient.id,
      outcome: "success",
      data: { replyMessageId: accepted.messageId, replyAll: input.all, recipients: accepted.recipients.length, attachments: attachments.length },
    });
    await emitWebhookEvent(tx, {
      event: "replied",
      messageId: message.id,
      recipientId: recipient.id,
      data: { replyMessageId: accepted.messageId, repliedAt: repliedAt.toISOString() },
    });
  };

  try {
    const accepted = await acceptMessage({
      source: "portal",
      raw,
      envelopeFrom: actor.email,
      recipients: [...to, ...cc].map((mailbox) => mailbox.address),
      senderUserId: actor.id,
      clientIp: ctx.sourceIp ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      actor: { type: "user", id: actor.id },
      messageId,
      inReplyToId: message.id,
      afterInsert: markReplied,
    });
    return { messageId: accepted.messageId, duplicate: accepted.duplicate, recipients: accepted.recipients.length };
  } catch (error) {
    throw toComposeError(error);
  }
}
