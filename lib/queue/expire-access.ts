import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

// The access gate refuses an expired recipient on its own (it compares expiresAt with the clock); this sweep
// only makes the moment visible: one `recipient.expired` audit event and one `expired` webhook per expiry, and
// the recipient's unused links end with it.

const BATCH = 200;
// Expiries committed a little late (a transaction that started before the last sweep) are still picked up.
const GRACE_MS = 10 * 60_000;

/**
 * Records every recipient whose portal access ended by `now` and has not been recorded yet. Idempotent: an
 * expiry is recorded once, keyed by the recipient and the expiry date (a sender who extends an expired access
 * and lets it run out again gets a second event). Returns how many were recorded.
 */
export async function expireAccess(now = new Date()): Promise<number> {
  const db = getDb();
  // Where the previous sweeps got to: the newest recorded expiry date. Scanning from there keeps each sweep small
  // however many recipients expired in the past.
  const latest = await db.auditEvent.findFirst({ where: { type: "recipient.expired" }, orderBy: { seq: "desc" }, select: { data: true } });
  const watermark = readExpiresAt(latest?.data);
  const since = watermark ? new Date(watermark.getTime() - GRACE_MS) : new Date(0);
  let recorded = 0;
  let cursor: string | undefined;
  for (;;) {
    const due = await db.recipient.findMany({
      where: { status: "escrowed", revokedAt: null, expiresAt: { lte: now, gte: since } },
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, messageId: true, expiresAt: true },
    });
    for (const recipient of await withoutRecorded(due)) {
      if (await recordExpiry(recipient, now)) recorded += 1;
    }
    if (due.length < BATCH) return recorded;
    cursor = due[due.length - 1]?.id;
  }
}

type Due = { id: string; messageId: string; expiresAt: Date | null };

function readExpiresAt(data: string | undefined): Date | null {
  if (!data) return null;
  try {
    const value: unknown = (JSON.parse(data) as Record<string, unknown>).expiresAt;
    const date = typeof value === "string" ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? date : null;
  } catch {
    return null;
  }
}

async function withoutRecorded(due: Due[]): Promise<Due[]> {
  if (due.length === 0) return [];
  const events = await getDb().auditEvent.findMany({
    where: { type: "recipient.expired", recipientId: { in: due.map((recipient) => recipient.id) } },
    select: { recipientId: true, data: true },
  });
  const recorded = new Set(events.map((event) => `${event.recipientId}|${readExpiresAt(event.data)?.toISOString()}`));
  return due.filter((recipient) => !recorded.has(`${recipient.id}|${recipient.expiresAt?.toISOString()}`));
}

/** One recipient, one transaction: a failure leaves the others recorded and this one for the next sweep. */
async function recordExpiry(recipient: Due, now: Date): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    // Writing the row first takes its lock (PostgreSQL), so a second worker sweeping at the same moment waits
    // here and then sees the event below; the unchanged expiresAt also guards against a sender's change in between.
    const { count } = await tx.recipient.updateMany({
      where: { id: recipient.id, status: "escrowed", revokedAt: null, expiresAt: recipient.expiresAt },
      data: { expiresAt: recipient.expiresAt },
    });
    if (count !== 1 || !recipient.expiresAt) return false;
    const expiresAt = recipient.expiresAt.toISOString();
    const already = await tx.auditEvent.findMany({ where: { type: "recipient.expired", recipientId: recipient.id }, select: { data: true } });
    if (already.some((event) => readExpiresAt(event.data)?.toISOString() === expiresAt)) return false;
    await tx.accessToken.updateMany({
      where: { recipientId: recipient.id, purpose: "portal-access", consumedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await recordAuditEvent(tx, {
      type: "recipient.expired",
      actorType: "system",
      messageId: recipient.messageId,
      recipientId: recipient.id,
      outcome: "success",
      data: { expiresAt },
    });
    await emitWebhookEvent(tx, { event: "expired", messageId: recipient.messageId, recipientId: recipient.id });
    return true;
  });
}
