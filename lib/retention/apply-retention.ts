import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import { destroyMessageContent } from "@/lib/retention/destroy-message-content";
import { effectiveRetentionEnd, retentionDueWhere } from "@/lib/retention/retention-due-where";
import { getRetentionDefaults } from "@/lib/retention/retention-settings";

export type RetentionRunResult = {
  /** Messages whose content this run destroyed. */
  shredded: number;
  /** Messages past their retention end that a legal hold keeps. */
  onHold: number;
  /** Messages this run tried and failed to shred; the next run tries again. */
  failed: number;
};

export type ApplyRetentionOptions = {
  /** Messages read per query. */
  batchSize?: number;
  /** Who runs the job, for the audit trail (a worker id, "cli"). */
  actorId?: string | null;
};

/**
 * The scheduled retention job: crypto-shreds every message whose effective retention end has passed by `now`
 * and that no legal hold keeps, batch by batch, each message in its own transaction (a failure leaves the
 * others done and this one for the next run). Messages with a recipient still being delivered wait for the
 * outcome. Safe to run from several workers at once: each message is shredded, and audited, exactly once
 * (lib/retention/destroy-message-content.ts). Records one `retention.applied` event when it shredded or
 * failed anything; held messages alone are no news (they are counted on every run).
 */
export async function applyRetention(now: Date = new Date(), opts: ApplyRetentionOptions = {}): Promise<RetentionRunResult> {
  const db = getDb();
  const batchSize = opts.batchSize ?? 100;
  const { retentionDays } = await getRetentionDefaults();
  const due = retentionDueWhere(now, retentionDays);
  const result: RetentionRunResult = { shredded: 0, onHold: 0, failed: 0 };
  result.onHold = await db.message.count({ where: { AND: [due, { legalHold: true }] } });

  let cursor: string | undefined;
  for (;;) {
    const batch = await db.message.findMany({
      where: { AND: [due, { legalHold: false, recipients: { none: { status: "queued" } } }, cursor ? { id: { gt: cursor } } : {}] },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, retainUntil: true, createdAt: true },
    });
    for (const message of batch) {
      try {
        const shredded = await db.$transaction((tx) =>
          destroyMessageContent(tx, {
            messageId: message.id,
            reason: "retention",
            retainUntil: effectiveRetentionEnd(message, retentionDays),
            stillDue: due,
            actor: { type: "system", id: opts.actorId ?? null },
            now,
          }),
        );
        if (shredded) result.shredded += 1;
      } catch (error) {
        result.failed += 1;
        // Content-free: the message id and the database's reason.
        console.error(`[retention] could not shred message ${message.id}: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
      }
    }
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) break;
    cursor = last.id;
  }

  if (result.shredded > 0 || result.failed > 0) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        type: "retention.applied",
        actorType: "system",
        actorId: opts.actorId ?? null,
        outcome: result.failed > 0 ? "failure" : "success",
        data: { ...result },
      }),
    );
  }
  return result;
}
