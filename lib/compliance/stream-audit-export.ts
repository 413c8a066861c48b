import { recordAuditEvent } from "@/lib/audit/record-event";
import { streamAuditBundle } from "@/lib/audit/stream-audit-bundle";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { describeAuditFilter, type AuditFilter } from "@/lib/compliance/audit-filter";
import { auditCsvHeader, auditCsvRow } from "@/lib/compliance/format-audit-csv";
import { auditJsonLine } from "@/lib/compliance/format-audit-jsonl";
import { auditWhere, resolveAuditFilter, type AuditQuery } from "@/lib/compliance/resolve-audit-filter";
import { auditEventSelect, toAuditEventViews } from "@/lib/compliance/to-audit-event-views";
import { getDb } from "@/lib/db";

export const EXPORT_FORMATS = ["csv", "jsonl", "bundle"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type AuditExport = { format: ExportFormat; body: ReadableStream<Uint8Array> };

// Rows per query: memory stays flat however many events match.
const BATCH_SIZE = 1_000;

/** Matching events in seq order (oldest first, as a log reads), one batch per query; never all in memory. */
async function* auditLines(query: AuditQuery | null, format: "csv" | "jsonl"): AsyncGenerator<string> {
  if (format === "csv") yield auditCsvHeader();
  if (!query) return;
  let after = 0;
  for (;;) {
    const rows = await getDb().auditEvent.findMany({ where: auditWhere(query, { gt: after }), orderBy: { seq: "asc" }, take: BATCH_SIZE, select: auditEventSelect });
    if (rows.length === 0) return;
    const views = await toAuditEventViews(rows);
    yield views.map((event) => (format === "csv" ? auditCsvRow(event) : auditJsonLine(event))).join("");
    if (rows.length < BATCH_SIZE) return;
    after = rows.at(-1)!.seq;
  }
}

function toByteStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  // pull: the next batch is read only when the client has taken the previous one (back-pressure).
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * The audit events matching `filter` as CSV or JSON Lines, or the signed bundle (events + chain proof,
 * lib/audit) for the filter's time range: a bundle must be one unbroken stretch of the chain to be verifiable,
 * so the other filters do not apply to it. The export is audited (`audit.exported`) before anything is read.
 * Admin and compliance only.
 */
export async function streamAuditExport(actor: Actor, filter: AuditFilter, format: ExportFormat, ctx: { sourceIp?: string | null } = {}): Promise<AuditExport> {
  assertRole(actor, ["admin", "compliance"], "audit export");
  const applied: AuditFilter = format === "bundle" ? { from: filter.from, to: filter.to } : filter;
  const query = await resolveAuditFilter(applied);
  // A time range without events is an empty range (fromSeq after toSeq: an empty, still signed bundle). The
  // bundle's seq range goes into the audit record with the time range it came from (unset ends are left out).
  const range = query ? { fromSeq: query.fromSeq, toSeq: query.toSeq } : { fromSeq: 1, toSeq: 0 };
  await getDb().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      type: "audit.exported",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { format, filter: { ...describeAuditFilter(applied), ...(format === "bundle" ? range : {}) } },
    });
  });
  if (format !== "bundle") return { format, body: toByteStream(auditLines(query, format)) };
  return { format, body: toByteStream(streamAuditBundle(range)) };
}
