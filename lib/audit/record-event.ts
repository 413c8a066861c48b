import type { Tx } from "@/lib/db";
import { canonicalJson } from "@/lib/audit/canonical-json";
import type { AuditActorType, AuditEventType, AuditOutcome } from "@/lib/audit/event-types";
import { GENESIS_HASH, hashAuditEvent, type HashedAuditFields } from "@/lib/audit/hash-audit-event";
import { getConfig } from "@/lib/config";

export type AuditEventInput = {
  type: AuditEventType;
  actorType: AuditActorType;
  actorId?: string | null;
  sourceIp?: string | null;
  messageId?: string | null;
  recipientId?: string | null;
  outcome: AuditOutcome;
  /** Details for reviewers. Never message content, tokens, passwords or keys. */
  data?: Record<string, unknown>;
};

// Any fixed 64-bit key works; it only has to be the same in every process writing to this database.
const AUDIT_CHAIN_LOCK_KEY = 0x5ea1_a0d1;

/**
 * Appends one audit event to the hash chain. Takes a transaction client on purpose: the event must commit or
 * roll back together with the change it describes. Call it sequentially within one transaction (never from
 * parallel promises): each call reads the head the previous one wrote.
 *
 * The head (last seq and hash) is read and the next seq assigned inside the caller's transaction, so two
 * writers can never both extend the same head. On PostgreSQL a transaction-scoped advisory lock serialises
 * them (released at commit or rollback; under READ COMMITTED the head read after the lock sees the previous
 * holder's commit). On SQLite every write transaction already holds the database write lock from its start
 * (BEGIN IMMEDIATE, lib/db.ts). Seq is assigned explicitly rather than by autoincrement so it is known
 * before the hash is computed; both providers accept explicit values for the column.
 */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  if (getConfig().provider === "postgresql") {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
  }
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const prevHash = head?.hash ?? GENESIS_HASH;
  const fields: HashedAuditFields = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date(),
    type: event.type,
    actorType: event.actorType,
    actorId: event.actorId ?? null,
    sourceIp: event.sourceIp ?? null,
    messageId: event.messageId ?? null,
    recipientId: event.recipientId ?? null,
    outcome: event.outcome,
    data: canonicalJson(event.data ?? {}),
  };
  await tx.auditEvent.create({ data: { ...fields, prevHash, hash: hashAuditEvent(prevHash, fields) } });
}
