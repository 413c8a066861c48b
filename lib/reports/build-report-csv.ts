import { csvLine } from "@/lib/compliance/format-audit-csv";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import type { Locale } from "@/lib/i18n/locales";
import type { DailyOutcomes } from "@/lib/reports/get-daily-outcomes";
import type { DomainOutcomes } from "@/lib/reports/get-domain-outcomes";
import type { TlsGap } from "@/lib/reports/get-tls-gaps";

// Column names are stable, lower-case identifiers (scripts read them); only the failure description is in the
// reader's language. csvLine follows RFC 4180 and neutralises cells that spreadsheets would run as formulas.

const OUTCOME_COLUMNS = ["delivered_tls", "escrowed", "bounced", "dropped", "total"];

export type ReportCsvInput =
  | { report: "daily"; rows: DailyOutcomes[] }
  | { report: "domains"; rows: DomainOutcomes[] }
  | { report: "tls-gaps"; rows: TlsGap[] };

export function buildReportCsv(input: ReportCsvInput, locale: Locale = "en"): string {
  switch (input.report) {
    case "daily":
      return [
        csvLine(["day", ...OUTCOME_COLUMNS]),
        ...input.rows.map((row) => csvLine([row.day, row.delivered, row.escrowed, row.bounced, row.dropped, row.total])),
      ].join("");
    case "domains":
      return [
        csvLine(["domain", ...OUTCOME_COLUMNS]),
        ...input.rows.map((row) => csvLine([row.domain, row.delivered, row.escrowed, row.bounced, row.dropped, row.total])),
      ].join("");
    case "tls-gaps":
      return [
        csvLine(["domain", "escrowed_for_tls", "most_frequent_failure_class", "failure_description", "last_seen"]),
        ...input.rows.map((row) =>
          csvLine([row.domain, row.escrowed, row.topFailureClass, describeFailureClass(row.topFailureClass, locale), row.lastSeen.toISOString()]),
        ),
      ].join("");
  }
}
