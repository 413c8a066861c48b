import type { Tx } from "@/lib/db";
import { canonicalJson } from "@/lib/audit/canonical-json";
import { checkAuditEventData } from "@/lib/audit/check-event-data";
import type { AuditEventData } from "@/lib/audit/event-schemas";
import type { AuditActorType, AuditEventType, AuditOutcome } from "@/lib/audit/event-types";
import { GENESIS_HASH, hashAuditEvent, type HashedAuditFields } from "@/lib/audit/hash-audit-event";
import { getConfig } from "@/lib/config";
import { insertRows } from "@/lib/insert-rows";

export type AuditEventInput<T extends AuditEventType = AuditEventType> = {
  type: T;
  actorType: AuditActorType;
  actorId?: string | null;
  sourceIp?: string | null;
  messageId?: string | null;
  recipientId?: string | null;
  outcome: AuditOutcome;
} & AuditEventDataField<T>;

/**
 * Details for reviewers, shaped per type (lib/audit/event-schemas.ts). Never message content, tokens, passwords
 * or keys. Optional only for types whose schema requires no key. A caller whose type is chosen at run time
 * (a union of types) gets the run-time check only: the compiler cannot know which shape applies.
 */
type AuditEventDataField<T extends AuditEventType> = [IsUnion<T>] extends [true]
  ? { data?: Record<string, unknown> }
  : Record<never, never> extends AuditEventData<T>
    ? { data?: AuditEventData<T> }
    : { data: AuditEventData<T> };

type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

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
 *
 * `data` is checked against the type's schema first: a wrong shape throws AuditEventDataError, which rolls
 * the caller's transaction (and so the change the event describes) back.
 */
export async function recordAuditEvent<T extends AuditEventType>(tx: Tx, event: AuditEventInput<T>): Promise<void> {
  await recordAuditEvents(tx, [event]);
}

/**
 * Appends several events in order with one head read and one insert: for writers of many changes at once
 * (intake's group commit). Same guarantees as recordAuditEvent; every event is checked before any is written.
 */
export async function recordAuditEvents(tx: Tx, events: AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) checkAuditEventData(event.type, event.data ?? {});
  await lockAuditChain(tx);
  // Raw SQL here and for the insert (lib/insert-rows.ts): every change in Sealpost passes through this function.
  const [head] = await tx.$queryRaw<{ seq: number | bigint; hash: string }[]>`SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`;
  let prevHash = head?.hash ?? GENESIS_HASH;
  let seq = Number(head?.seq ?? 0);
  const at = new Date();
  const rows = events.map((event) => {
    seq += 1;
    const fields: HashedAuditFields = {
      seq,
      at,
      type: event.type,
      actorType: event.actorType,
      actorId: event.actorId ?? null,
      sourceIp: event.sourceIp ?? null,
      messageId: event.messageId ?? null,
      recipientId: event.recipientId ?? null,
      outcome: event.outcome,
      data: canonicalJson(event.data ?? {}),
    };
    const row = { ...fields, prevHash, hash: hashAuditEvent(prevHash, fields) };
    prevHash = row.hash;
    return row;
  });
  await insertRows(tx, "AuditEvent", rows);
}

/**
 * Serialises writers of the chain until the transaction ends (PostgreSQL; SQLite write transactions are
 * serialised already). Re-entrant within one transaction. Checkpoints take it to read a head that stays put.
 */
export async function lockAuditChain(tx: Tx): Promise<void> {
  if (getConfig().provider === "postgresql") {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
  }
}
