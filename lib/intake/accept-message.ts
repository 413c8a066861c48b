import type { AuditActorType } from "@/lib/audit/event-types";
import { getConfig } from "@/lib/config";
import { getDb, type Tx } from "@/lib/db";
import { createGroupCommit } from "@/lib/intake/group-commit";
import { insertMessages } from "@/lib/intake/insert-messages";
import { normalizeRecipients } from "@/lib/intake/normalize-recipients";
import { prepareMessage } from "@/lib/intake/prepare-message";
import { currentSubjectTag } from "@/lib/intake/current-subject-tag";

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

// Up to this many messages share one transaction (see group-commit.ts); bounded so one transaction's
// statements and the time its lock is held stay small.
const MAX_BATCH = 50;
const groupCommit = createGroupCommit(insertMessages, MAX_BATCH);

/**
 * Takes one message into Sealpost: strips the subject tag, seals subject and MIME under a fresh data key and
 * commits the message (in its thread), its recipients, one deliver job per recipient and the audit event in ONE
 * transaction, shared with other messages arriving at the same moment (group commit).
 * When this resolves the message is durable; until then nothing of it exists. Throws IntakeError for input
 * the sender must fix; any other error is transient (database, key ring) and worth retrying.
 * With an idempotency key, a repeat from the same sender returns the first message (`duplicate: true`)
 * whatever it carries now: the key names the request, as in HTTP idempotency-key practice.
 */
export async function acceptMessage(input: AcceptMessageInput): Promise<AcceptedMessage> {
  const recipients = normalizeRecipients(input.recipients, getConfig().SMTP_MAX_RECIPIENTS);
  const idempotency = input.senderUserId && input.idempotencyKey ? { senderUserId: input.senderUserId, idempotencyKey: input.idempotencyKey } : null;
  if (idempotency) {
    const existing = await findExisting(idempotency);
    if (existing) return existing;
  }
  const prepared = await prepareMessage(input, recipients, await currentSubjectTag());
  try {
    await groupCommit.commit(prepared);
  } catch (error) {
    // Two requests with the same idempotency key raced past the look-up above: the unique index on
    // (senderUserId, idempotencyKey) let exactly one commit. Answer the loser with the winner's message.
    if (idempotency && isUniqueViolation(error)) {
      const existing = await findExisting(idempotency);
      if (existing) return existing;
    }
    throw error;
  }
  return {
    messageId: prepared.messageId,
    duplicate: false,
    recipients: prepared.recipients.map(({ id, address }) => ({ id, address })).sort(byAddress),
  };
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

/** P2002 from the query builder; the raw inserts of insertMessages report the driver's own classification. */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  if (error.code === "P2002") return true;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }).meta;
  return error.code === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}
