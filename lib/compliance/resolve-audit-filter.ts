import type { AuditFilter } from "@/lib/compliance/audit-filter";
import { getDb, type Db } from "@/lib/db";
import { normalizeAddress } from "@/lib/intake/normalize-recipients";

// Turns the filters a person types (addresses, a time range) into conditions the AuditEvent indexes answer:
// [type, seq] [actorId, seq] [messageId, seq] [recipientId, seq] and [at]. Addresses become message and
// recipient ids first (each through its own index, bounded), the time range becomes a seq range, and every
// page is then `seq < cursor ORDER BY seq DESC LIMIT n` on one of those indexes.

export type AuditWhere = NonNullable<NonNullable<Parameters<Db["auditEvent"]["findMany"]>[0]>["where"]>;

/** How many messages (of a sender) or recipient rows (of an address) a search follows, newest first. */
export const MAX_RESOLVED_IDS = 500;
const MAX_ACTOR_IDS = 100;
// Rows of one recipient domain compared case-insensitively when no spelling of an address matches exactly.
const MAX_DOMAIN_SCAN = 20_000;

export type AuditQuery = {
  /** Conditions other than seq. */
  conditions: AuditWhere[];
  /** The time range as seqs, both inclusive. */
  fromSeq?: number;
  toSeq?: number;
  /** The sender or recipient has more than MAX_RESOLVED_IDS messages/rows: only the newest are searched. */
  truncated: boolean;
};

/**
 * The first event at or after `from` and the last at or before `to`, through the [at] index. Events are
 * stamped while the writer holds the chain head (lib/audit/record-event.ts), so time and seq rise together.
 */
async function seqRange(filter: AuditFilter): Promise<{ fromSeq?: number; toSeq?: number } | null> {
  const db = getDb();
  let fromSeq: number | undefined;
  let toSeq: number | undefined;
  if (filter.from) {
    const first = await db.auditEvent.findFirst({ where: { at: { gte: filter.from } }, orderBy: [{ at: "asc" }, { seq: "asc" }], select: { seq: true } });
    if (!first) return null;
    fromSeq = first.seq;
  }
  if (filter.to) {
    const last = await db.auditEvent.findFirst({ where: { at: { lte: filter.to } }, orderBy: [{ at: "desc" }, { seq: "desc" }], select: { seq: true } });
    if (!last) return null;
    toSeq = last.seq;
  }
  if (fromSeq !== undefined && toSeq !== undefined && fromSeq > toSeq) return null;
  return { fromSeq, toSeq };
}

/** A user's id and the ids of their API tokens (the actor of API intake) for an email; else the text as an id. */
async function actorIds(actor: string): Promise<string[]> {
  if (!actor.includes("@")) return [actor];
  const user = await getDb().user.findUnique({
    where: { email: actor.toLowerCase() },
    select: { id: true, apiTokens: { select: { id: true }, take: MAX_ACTOR_IDS } },
  });
  return user ? [user.id, ...user.apiTokens.map((token) => token.id)] : [];
}

/**
 * Messages of a sender, newest first: those sent by the account with this address ([senderUserId, createdAt]
 * index). Only when no account has it (mail relayed without authentication), messages whose From or envelope
 * sender is the address; Message has no index on those, so this slower path is taken only then.
 */
async function senderMessageIds(address: string): Promise<{ ids: string[]; truncated: boolean }> {
  const db = getDb();
  const lower = address.toLowerCase();
  const user = await db.user.findUnique({ where: { email: lower }, select: { id: true } });
  const rows = await db.message.findMany({
    where: user ? { senderUserId: user.id } : { OR: [{ fromAddress: { in: [address, lower] } }, { envelopeFrom: { in: [address, lower] } }] },
    orderBy: { createdAt: "desc" },
    take: MAX_RESOLVED_IDS + 1,
    select: { id: true },
  });
  return { ids: rows.slice(0, MAX_RESOLVED_IDS).map((row) => row.id), truncated: rows.length > MAX_RESOLVED_IDS };
}

/**
 * Recipient rows for an address ([address] index), newest first. Addresses are stored with the domain in lower
 * case and the local part as the sender spelled it (lib/intake/normalize-recipients.ts), so the typed address,
 * its normalised form and its lower case are tried exactly. Only when none matches, the rows of its domain
 * ([domain] index, bounded) are compared ignoring case: "tom@…" still finds "Tom@…".
 */
async function recipientIds(address: string): Promise<{ ids: string[]; truncated: boolean }> {
  const db = getDb();
  const normalized = normalizeAddress(address)?.address;
  const spellings = [...new Set([address, address.toLowerCase(), ...(normalized ? [normalized] : [])])];
  let rows = await db.recipient.findMany({
    where: { address: { in: spellings } },
    orderBy: { createdAt: "desc" },
    take: MAX_RESOLVED_IDS + 1,
    select: { id: true },
  });
  const domain = normalizeAddress(address)?.domain;
  if (rows.length === 0 && domain) {
    const lower = address.toLowerCase();
    const ofDomain = await db.recipient.findMany({ where: { domain }, take: MAX_DOMAIN_SCAN, select: { id: true, address: true, createdAt: true } });
    rows = ofDomain.filter((row) => row.address.toLowerCase() === lower).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
  return { ids: rows.slice(0, MAX_RESOLVED_IDS).map((row) => row.id), truncated: rows.length > MAX_RESOLVED_IDS };
}

/** The filter as indexed conditions, or null when nothing can match (an unknown address, an empty time range). */
export async function resolveAuditFilter(filter: AuditFilter): Promise<AuditQuery | null> {
  const range = await seqRange(filter);
  if (!range) return null;
  const conditions: AuditWhere[] = [];
  let truncated = false;
  if (filter.type) conditions.push({ type: filter.type });
  if (filter.outcome) conditions.push({ outcome: filter.outcome });
  if (filter.messageId) conditions.push({ messageId: filter.messageId });
  if (filter.actor) {
    const ids = await actorIds(filter.actor);
    if (ids.length === 0) return null;
    conditions.push({ actorId: ids.length === 1 ? ids[0] : { in: ids } });
  }
  if (filter.sender) {
    const sent = await senderMessageIds(filter.sender);
    if (sent.ids.length === 0) return null;
    truncated ||= sent.truncated;
    conditions.push({ messageId: { in: sent.ids } });
  }
  if (filter.recipient) {
    const rows = await recipientIds(filter.recipient);
    if (rows.ids.length === 0) return null;
    truncated ||= rows.truncated;
    conditions.push({ recipientId: { in: rows.ids } });
  }
  return { conditions, ...range, truncated };
}

/** The Prisma where for a resolved query plus a seq bound (the page cursor or the export's progress). */
export function auditWhere(query: AuditQuery, bound: { lt?: number; gt?: number } = {}): AuditWhere {
  const lower = [query.fromSeq, bound.gt === undefined ? undefined : bound.gt + 1].filter((n) => n !== undefined);
  const upper = [query.toSeq, bound.lt === undefined ? undefined : bound.lt - 1].filter((n) => n !== undefined);
  // Bounds stay within the column's 32-bit range on PostgreSQL: only the ones that exist are sent.
  const seq = {
    ...(lower.length > 0 ? { gte: Math.max(...lower) } : {}),
    ...(upper.length > 0 ? { lte: Math.min(...upper) } : {}),
  };
  return { AND: [...query.conditions, ...(Object.keys(seq).length > 0 ? [{ seq }] : [])] };
}
