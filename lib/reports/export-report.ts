import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";
import { buildReportCsv, type ReportCsvInput } from "@/lib/reports/build-report-csv";
import { getDailyOutcomes } from "@/lib/reports/get-daily-outcomes";
import { getDomainOutcomes } from "@/lib/reports/get-domain-outcomes";
import { getTlsGaps } from "@/lib/reports/get-tls-gaps";
import type { ReportRange } from "@/lib/reports/report-range";

export const REPORT_KINDS = ["daily", "domains", "tls-gaps"] as const;

export type ReportKind = (typeof REPORT_KINDS)[number];

async function loadReport(actor: Actor, report: ReportKind, range: ReportRange): Promise<ReportCsvInput> {
  switch (report) {
    case "daily":
      return { report, rows: await getDailyOutcomes(actor, range) };
    case "domains":
      return { report, rows: await getDomainOutcomes(actor, range) };
    case "tls-gaps":
      return { report, rows: await getTlsGaps(actor, range) };
  }
}

/**
 * One report over `range` as CSV, with a content-free file name. Admin and compliance only. The export is
 * audited (`report.exported {report, from, to}`) before the file is returned, so a download that fails midway
 * is still on record. Reports are small (one row per day or per domain), so the file is built in memory.
 */
export async function exportReportCsv(
  actor: Actor,
  report: ReportKind,
  range: ReportRange,
  ctx: { sourceIp?: string | null; locale?: Locale } = {},
): Promise<{ filename: string; csv: string }> {
  assertRole(actor, ["admin", "compliance"], "reports");
  const data = await loadReport(actor, report, range);
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      type: "report.exported",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { report, from: range.fromDay, to: range.toDay },
    }),
  );
  return { filename: `sealpost-report-${report}-${range.fromDay}-to-${range.toDay}.csv`, csv: buildReportCsv(data, ctx.locale) };
}
