import { gateStaffRoute, plainResponse } from "@/lib/auth/gate-staff-route";
import { parseAuditFilter } from "@/lib/compliance/audit-filter";
import { EXPORT_FORMATS, streamAuditExport, type ExportFormat } from "@/lib/compliance/stream-audit-export";

export const dynamic = "force-dynamic";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  jsonl: "application/jsonl; charset=utf-8",
  bundle: "application/jsonl; charset=utf-8",
};

const EXTENSIONS: Record<ExportFormat, string> = { csv: "csv", jsonl: "jsonl", bundle: "bundle.jsonl" };

/**
 * GET /compliance/export?format=csv|jsonl|bundle plus the search page's filters: the matching audit events as
 * a download, streamed from batched queries. Admin and compliance only (lib/auth/gate-staff-route.ts).
 */
export async function GET(request: Request): Promise<Response> {
  const gate = await gateStaffRoute(request, ["admin", "compliance"]);
  if (!gate.ok) return gate.response;
  const { actor, sourceIp } = gate;
  const url = new URL(request.url);
  const format = EXPORT_FORMATS.find((known) => known === url.searchParams.get("format"));
  if (!format) return plainResponse(400, "Unknown export format. Use format=csv, format=jsonl or format=bundle.");
  const filter = parseAuditFilter(Object.fromEntries(url.searchParams));
  const exported = await streamAuditExport(actor, filter, format, { sourceIp });
  // A fixed, content-free file name: the time of the export, never a filter value.
  const stamp = new Date().toISOString().replace(/[:.]/g, "").slice(0, 17);
  return new Response(exported.body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="sealpost-audit-${stamp}Z.${EXTENSIONS[format]}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
