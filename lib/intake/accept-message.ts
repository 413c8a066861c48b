import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { AuditActorType } from "@/lib/audit/event-types";
import { getConfig } from "@/lib/config";
import { getDb, type Tx } from "@/lib/db";
import { createDataKey, sealPart } from "@/lib/escrow/envelope";
import { getKeyRing } from "@/lib/escrow/key-ring";
import { findExternalRecipients } from "@/lib/intake/find-external-recipients";
import { normalizeLineEndings } from "@/lib/intake/normalize-line-endings";
import { normalizeRecipients } from "@/lib/intake/normalize-recipients";
import { parseMessageHeaders } from "@/lib/intake/parse-message-headers";
import { resolveThread } from "@/lib/intake/resolve-thread";
import { rewriteSubjectHeader } from "@/lib/intake/rewrite-subject-header";
import { readThreadReferences } from "@/lib/intake/sealpost-message-id";
import { stripSubjectTag } from "@/lib/intake/strip-subject-tag";
import type { JobKind } from "@/lib/queue/job-result";

export type AcceptMessageInput = {
  source: "smtp" | "api" | "portal" | "cli";
  raw: Buffer;
  envelopeFrom: string;
  recipients: string[];
  senderUserId?: string | null;
  clientIp?: string | null;
  idempotencyKey?: string | null;
  forceEscrow?: boolean;
  actor: { type: Extract<AuditActorType, "smtp-client" | "api-token" | "user" | "system">; id?: string | null };
  /** Names the message up front (a UUID), so a portal composer can put it in its own Message-ID header. */
  messageId?: string;
  /** The message this one answers (portal replies): the new message joins its thread. */
  inReplyToId?: string | null;
  /** An existing thread to join, when the caller knows it and there is no single message answered. */
  threadId?: string | null;
  /**
   * Runs inside the accept transaction once the message, recipients and jobs exist, so follow-up changes
   * (the original marked replied, its audit event and webhook) commit or roll back with the message.
   */
  afterInsert?: (tx: Tx, accepted: AcceptedInsert) => Promise<void>;
};

export type AcceptedInsert = {
  messageId: string;
  threadId: string;
  inReplyToId: string | null;
  recipients: { id: string; address: string }[];
};

export type AcceptedMessage = {
  messageId: string;
  duplicate: boolean;
  recipients: { id: string; address: string }[];
};

const DELIVER: JobKind = "deliver";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Takes one message into Sealpost: strips the subject tag, seals subject and MIME under a fresh data key and
 * commits the message (in its thread), its recipients, one deliver job per recipient and the audit event in ONE
 * transaction.
 * When this resolves the message is durable; until then nothing of it exists. Throws IntakeError for input
 * the sender must fix; any other error is transient (database, key ring) and worth retrying.
 * With an idempotency key, a repeat from the same sender returns the first message (`duplicate: true`)
 * whatever it carries now: the key names the request, as in HTTP idempotency-key practice.
 */
export async function acceptMessage(input: AcceptMessageInput): Promise<AcceptedMessage> {
  const config = getConfig();
  const recipients = normalizeRecipients(input.recipients, config.SMTP_MAX_RECIPIENTS);
  const idempotency = input.senderUserId && input.idempotencyKey ? { senderUserId: input.senderUserId, idempotencyKey: input.idempotencyKey } : null;
  if (idempotency) {
    const existing = await findExisting(idempotency);
    if (existing) return existing;
  }

  const received = normalizeLineEndings(input.raw);
  const headers = await parseMessageHeaders(received);
  const { subject, tagged } = stripSubjectTag(headers.subject, config.SUBJECT_TAG);
  const raw = tagged && headers.subjectField ? rewriteSubjectHeader(received, headers.subjectField, subject) : received;
  const requestedEscrow = Boolean(input.forceEscrow) || tagged;
  const references = readThreadReferences(received, headers.block);

  // The id exists before the row so the ciphertexts' associated data can name it (lib/escrow/envelope.ts).
  const messageId = input.messageId ?? randomUUID();
  if (!UUID.test(messageId)) throw new Error("acceptMessage: messageId must be a lower-case UUID.");
  const { dataKey, wrappedDataKey, dataKeyId } = createDataKey(getKeyRing(), messageId);
  const sealedSubject = sealPart(dataKey, messageId, "subject", Buffer.from(subject, "utf8"));
  const sealedMime = sealPart(dataKey, messageId, "mime", raw);
  dataKey.fill(0);
  const rows = recipients.map((recipient) => ({ id: randomUUID(), messageId, ...recipient }));
  const now = new Date();
  let forceEscrow = requestedEscrow;

  try {
    await getDb().$transaction(async (tx) => {
      const thread = await resolveThread(tx, { inReplyToId: input.inReplyToId, threadId: input.threadId, references });
      // Once secure, always secure: when any recipient of a message in this thread was escrowed (the thread
      // was marked secure in escrowRecipient), every later message in it that reaches someone outside the
      // organisation's staff goes to the portal, so a reply can never leave by plain delivery even if the
      // other side's mail server now offers TLS. forceEscrow is per message, so staff recipients of such a
      // message read it in the portal too. Decided inside the transaction: on SQLite it holds the write lock,
      // so a thread turning secure cannot interleave with this read.
      forceEscrow = requestedEscrow || (thread.secure && (await findExternalRecipients(tx, rows.map((row) => row.address))).length > 0);
      await tx.message.create({
        data: {
          id: messageId,
          source: input.source,
          senderUserId: input.senderUserId ?? null,
          envelopeFrom: input.envelopeFrom,
          fromName: headers.from?.name ?? "",
          fromAddress: headers.from?.address ?? input.envelopeFrom,
          sizeBytes: raw.length,
          forceEscrow,
          idempotencyKey: idempotency?.idempotencyKey ?? null,
          clientIp: input.clientIp ?? null,
          wrappedDataKey,
          dataKeyId,
          threadId: thread.threadId,
          inReplyToId: thread.inReplyToId,
          createdAt: now,
          parts: { create: [{ part: "subject", sealed: sealedSubject }, { part: "mime", sealed: sealedMime }] },
        },
      });
      await tx.recipient.createMany({ data: rows.map((row) => ({ ...row, status: "queued", createdAt: now })) });
      await tx.job.createMany({
        data: rows.map((row) => ({ kind: DELIVER, recipientId: row.id, messageId, runAt: now, createdAt: now })),
      });
      await recordAuditEvent(tx, {
        type: "message.accepted",
        actorType: input.actor.type,
        actorId: input.actor.id ?? null,
        sourceIp: input.clientIp ?? null,
        messageId,
        outcome: "success",
        data: {
          recipients: rows.length,
          sizeBytes: raw.length,
          source: input.source,
          forceEscrow,
          // Only when the secure-thread rule (not the sender) forced the portal, so reviewers can tell why.
          ...(forceEscrow && !requestedEscrow ? { secureThread: true } : {}),
        },
      });
      await input.afterInsert?.(tx, {
        messageId,
        threadId: thread.threadId,
        inReplyToId: thread.inReplyToId,
        recipients: rows.map(({ id, address }) => ({ id, address })),
      });
    });
  } catch (error) {
    // Two requests with the same idempotency key raced past the look-up above: the unique index on
    // (senderUserId, idempotencyKey) let exactly one commit. Answer the loser with the winner's message.
    if (idempotency && isUniqueViolation(error)) {
      const existing = await findExisting(idempotency);
      if (existing) return existing;
    }
    throw error;
  }
  return { messageId, duplicate: false, recipients: rows.map(({ id, address }) => ({ id, address })).sort(byAddress) };
}

async function findExisting(key: { senderUserId: string; idempotencyKey: string }): Promise<AcceptedMessage | null> {
  const message = await getDb().message.findFirst({
    where: key,
    select: { id: true, recipients: { select: { id: true, address: true } } },
  });
  return message ? { messageId: message.id, duplicate: true, recipients: message.recipients.sort(byAddress) } : null;
}

/** One order for first answers and replays alike, independent of database collation. */
function byAddress(a: { address: string }, b: { address: string }): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
