import { randomUUID } from "node:crypto";
import { recordAuditEvents } from "@/lib/audit/record-event";
import type { Prisma } from "@/generated/sqlite/client";
import type { Tx } from "@/lib/db";
import type { AcceptedInsert } from "@/lib/intake/accept-message";
import { insertRows } from "@/lib/insert-rows";
import { findExternalRecipients } from "@/lib/intake/find-external-recipients";
import type { PreparedMessage } from "@/lib/intake/prepare-message";
import { resolveThread, type ThreadLink } from "@/lib/intake/resolve-thread";
import type { JobKind } from "@/lib/queue/job-result";

const DELIVER: JobKind = "deliver";

/** True when the message may join an existing thread, which takes look-ups; most relayed mail starts one. */
function mayJoinThread(message: PreparedMessage): boolean {
  const { inReplyToId, threadId } = message.input;
  return Boolean(inReplyToId || threadId || message.references.inReplyTo || message.references.references.length > 0);
}

/**
 * Writes prepared messages inside one transaction: each message with its thread, sealed parts, recipients,
 * one deliver job per recipient and its `message.accepted` event. Rows of many messages go in one statement per
 * table, so a batch costs a handful of queries rather than a handful per message; that, and one commit (one
 * fsync) per batch, is what lets intake keep up with a busy relay.
 */
export async function insertMessages(tx: Tx, messages: PreparedMessage[]): Promise<void> {
  const links = new Map<string, ThreadLink & { forceEscrow: boolean }>();
  const newThreads: { id: string; createdAt: Date }[] = [];
  for (const message of messages) {
    if (!mayJoinThread(message)) {
      const id = randomUUID();
      newThreads.push({ id, createdAt: message.receivedAt });
      links.set(message.messageId, { threadId: id, inReplyToId: null, secure: false, forceEscrow: message.requestedEscrow });
      continue;
    }
    const thread = await resolveThread(tx, {
      inReplyToId: message.input.inReplyToId,
      threadId: message.input.threadId,
      references: message.references,
    });
    // Once secure, always secure: when any recipient of a message in this thread was escrowed (the thread was
    // marked secure in escrowRecipient), every later message in it that reaches someone outside the
    // organisation's staff goes to the portal, so a reply can never leave by plain delivery even if the other
    // side's mail server now offers TLS. forceEscrow is per message, so staff recipients of such a message
    // read it in the portal too. Decided inside the transaction: on SQLite it holds the write lock, so a
    // thread turning secure cannot interleave with this read.
    const external = thread.secure ? await findExternalRecipients(tx, message.recipients.map((row) => row.address)) : [];
    links.set(message.messageId, { ...thread, forceEscrow: message.requestedEscrow || external.length > 0 });
  }
  const linkOf = (message: PreparedMessage) => links.get(message.messageId) as ThreadLink & { forceEscrow: boolean };

  // Raw multi-row inserts (lib/insert-rows.ts): columns the model would default (ids, times) are given here.
  await insertRows(tx, "Thread", newThreads.map(({ id, createdAt }) => ({ id, secure: false, createdAt }) satisfies Prisma.ThreadCreateManyInput));
  await insertRows(
    tx,
    "Message",
    messages.map((message) => ({
      id: message.messageId,
      source: message.input.source,
      senderUserId: message.input.senderUserId ?? null,
      envelopeFrom: message.input.envelopeFrom,
      fromName: message.fromName,
      fromAddress: message.fromAddress,
      sizeBytes: message.sizeBytes,
      forceEscrow: linkOf(message).forceEscrow,
      idempotencyKey: message.input.senderUserId ? (message.input.idempotencyKey ?? null) : null,
      clientIp: message.input.clientIp ?? null,
      wrappedDataKey: message.wrappedDataKey,
      dataKeyId: message.dataKeyId,
      threadId: linkOf(message).threadId,
      inReplyToId: linkOf(message).inReplyToId,
      createdAt: message.receivedAt,
    }) satisfies Prisma.MessageCreateManyInput),
  );
  await insertRows(
    tx,
    "MessagePart",
    messages.flatMap((message) => [
      { messageId: message.messageId, part: "subject", sealed: message.sealedSubject },
      { messageId: message.messageId, part: "mime", sealed: message.sealedMime },
    ] satisfies Prisma.MessagePartCreateManyInput[]),
  );
  const recipients = messages.flatMap((message) =>
    message.recipients.map((row) => ({ ...row, messageId: message.messageId, status: "queued", createdAt: message.receivedAt }) satisfies Prisma.RecipientCreateManyInput),
  );
  await insertRows(tx, "Recipient", recipients);
  await insertRows(
    tx,
    "Job",
    recipients.map((row) => ({
      id: randomUUID(),
      kind: DELIVER,
      recipientId: row.id,
      messageId: row.messageId,
      runAt: row.createdAt,
      createdAt: row.createdAt,
    }) satisfies Prisma.JobCreateManyInput),
  );

  await recordAuditEvents(
    tx,
    messages.map((message) => {
      const link = linkOf(message);
      return {
        type: "message.accepted",
        actorType: message.input.actor.type,
        actorId: message.input.actor.id ?? null,
        sourceIp: message.input.clientIp ?? null,
        messageId: message.messageId,
        outcome: "success",
        data: {
          recipients: message.recipients.length,
          sizeBytes: message.sizeBytes,
          source: message.input.source,
          forceEscrow: link.forceEscrow,
          // Only when the secure-thread rule (not the sender) forced the portal, so reviewers can tell why.
          ...(link.forceEscrow && !message.requestedEscrow ? { secureThread: true } : {}),
        },
      };
    }),
  );
  for (const message of messages) {
    const link = linkOf(message);
    const accepted: AcceptedInsert = {
      messageId: message.messageId,
      threadId: link.threadId,
      inReplyToId: link.inReplyToId,
      recipients: message.recipients.map(({ id, address }) => ({ id, address })),
    };
    await message.input.afterInsert?.(tx, accepted);
  }
}
