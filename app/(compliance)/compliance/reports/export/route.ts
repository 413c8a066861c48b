import { gateStaffRoute, plainResponse } from "@/lib/auth/gate-staff-route";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { exportReportCsv, REPORT_KINDS } from "@/lib/reports/export-report";
import { parseReportRange } from "@/lib/reports/report-range";

export const dynamic = "force-dynamic";

const RANGE_PROBLEMS = {
  "invalid-date": "from and to must be dates such as 2026-03-01.",
  "from-after-to": "from is after to; swap them.",
  "too-long": "The period is longer than 366 days; choose a shorter one.",
} as const;

/**
 * GET /compliance/reports/export?report=daily|domains|tls-gaps&from=YYYY-MM-DD&to=YYYY-MM-DD: one report as a
 * CSV download (RFC 4180, formula-neutralised), audited as `report.exported` before it is sent. Admin and
 * compliance only (lib/auth/gate-staff-route.ts).
 */
export async function GET(request: Request): Promise<Response> {
  const gate = await gateStaffRoute(request, ["admin", "compliance"]);
  if (!gate.ok) return gate.response;
  const { actor, sourceIp } = gate;
  const url = new URL(request.url);
  const report = REPORT_KINDS.find((kind) => kind === url.searchParams.get("report"));
  if (!report) return plainResponse(400, "Unknown report. Use report=daily, report=domains or report=tls-gaps.");
  const parsed = parseReportRange({ from: url.searchParams.get("from"), to: url.searchParams.get("to") });
  if (!parsed.ok) return plainResponse(400, RANGE_PROBLEMS[parsed.problem]);
  const { filename, csv } = await exportReportCsv(actor, report, parsed.range, { sourceIp, locale: await getRequestLocale() });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
