import { getClientIp } from "@/lib/auth/get-client-ip";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { getRouteActor } from "@/lib/auth/require-role";
import { hasRole } from "@/lib/auth/roles";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { exportReportCsv, REPORT_KINDS } from "@/lib/reports/export-report";
import { parseReportRange } from "@/lib/reports/report-range";

export const dynamic = "force-dynamic";

function plainResponse(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}

const RANGE_PROBLEMS = {
  "invalid-date": "from and to must be dates such as 2026-03-01.",
  "from-after-to": "from is after to; swap them.",
  "too-long": "The period is longer than 366 days; choose a shorter one.",
} as const;

/**
 * GET /compliance/reports/export?report=daily|domains|tls-gaps&from=YYYY-MM-DD&to=YYYY-MM-DD: one report as a
 * CSV download (RFC 4180, formula-neutralised), audited as `report.exported` before it is sent. Admin and
 * compliance only; anyone else gets a bare 404 (audited for signed-in people).
 */
export async function GET(request: Request): Promise<Response> {
  const actor = await getRouteActor();
  const url = new URL(request.url);
  const sourceIp = getClientIp(request.headers);
  if (!actor) return plainResponse(404, "Not found");
  if (!hasRole(actor, ["admin", "compliance"])) {
    await recordAccessDenied({ actor, resource: url.pathname, reason: "role", sourceIp });
    return plainResponse(404, "Not found");
  }
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
