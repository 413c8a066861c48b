import type { Prisma } from "@/generated/sqlite/client";
import type { AuditActorType } from "@/lib/audit/event-types";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Tx } from "@/lib/db";

export type ShredInput = {
  messageId: string;
  reason: "retention" | "manual";
  /** The effective retention end that made the message due (retention), for the record. */
  retainUntil: Date | null;
  /** Extra conditions the message must still meet at the moment of the write (e.g. still due). */
  stillDue?: Prisma.MessageWhereInput;
  actor: { type: AuditActorType; id?: string | null; sourceIp?: string | null };
  now: Date;
};

/**
 * Crypto-shreds one message in the caller's transaction: the wrapped data key and the sealed parts are
 * destroyed, so the content can never be opened again (lib/escrow/envelope.ts), while the Message row,
 * recipients, attempts and audit trail stay. The update is conditional (not shredded, not on hold, plus
 * `stillDue`, and no recipient still being delivered): when two workers race, or a hold or a later retention
 * date lands first, the loser changes nothing and writes no event. Returns whether this call shredded it.
 */
export async function destroyMessageContent(tx: Tx, input: ShredInput): Promise<boolean> {
  // A queued recipient's delivery job still needs the content; its outcome comes within RETRY_WINDOW. Recipients
  // never return to "queued", so this read cannot go stale.
  if ((await tx.recipient.count({ where: { messageId: input.messageId, status: "queued" } })) > 0) return false;
  // Scalar conditions only, so the database checks them in the UPDATE itself, against the row it locks: on
  // PostgreSQL a second worker waits for the first one's commit and then finds shreddedAt set.
  const { count } = await tx.message.updateMany({
    where: { AND: [{ id: input.messageId, shreddedAt: null, legalHold: false }, input.stillDue ?? {}] },
    data: { wrappedDataKey: null, shreddedAt: input.now },
  });
  if (count !== 1) return false;
  await tx.messagePart.deleteMany({ where: { messageId: input.messageId } });
  await recordAuditEvent(tx, {
    type: "message.shredded",
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    sourceIp: input.actor.sourceIp ?? null,
    messageId: input.messageId,
    outcome: "success",
    data: input.retainUntil ? { reason: input.reason, retainUntil: input.retainUntil.toISOString() } : { reason: input.reason },
  });
  return true;
}
