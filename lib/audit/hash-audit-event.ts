import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical-json";

/** The prevHash of the first event: there is no earlier event to point at. */
export const GENESIS_HASH = "0".repeat(64);

/** The stored columns the hash covers: every column of AuditEvent except prevHash and hash themselves. */
export type HashedAuditFields = {
  seq: number;
  at: Date;
  type: string;
  actorType: string;
  actorId: string | null;
  sourceIp: string | null;
  messageId: string | null;
  recipientId: string | null;
  outcome: string;
  /** The stored `data` column (canonical JSON text); hashed as the JSON value it holds. */
  data: string;
};

/**
 * hash = hex(SHA-256(UTF-8(prevHash + canonicalJson({seq, at, type, actorType, actorId, sourceIp, messageId,
 * recipientId, outcome, data})))), with `at` as an ISO 8601 UTC string (millisecond precision, which both
 * databases store) and `data` as the parsed JSON value. Chaining prevHash in makes every event commit to
 * the whole history before it: changing, removing or reordering any event breaks every later link.
 * Throws SyntaxError when `data` is not JSON.
 */
export function hashAuditEvent(prevHash: string, fields: HashedAuditFields): string {
  const canonical = canonicalJson({
    seq: fields.seq,
    at: fields.at.toISOString(),
    type: fields.type,
    actorType: fields.actorType,
    actorId: fields.actorId,
    sourceIp: fields.sourceIp,
    messageId: fields.messageId,
    recipientId: fields.recipientId,
    outcome: fields.outcome,
    data: JSON.parse(fields.data) as unknown,
  });
  return createHash("sha256").update(prevHash + canonical, "utf8").digest("hex");
}
