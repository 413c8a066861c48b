// Audit data is content-free by design (lib/audit/event-types.ts), so a summary may show any of it; it only
// has to stay short enough for one line of a results list.
const MAX_VALUE = 60;

function compact(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** "key: value · key: value", empty values left out, cut at `maxLength` characters. */
export function summarizeAuditData(data: Record<string, unknown>, maxLength = 200): string {
  const summary = Object.entries(data)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => `${key}: ${compact(value)}`)
    .join(" · ");
  return summary.length > maxLength ? `${summary.slice(0, maxLength - 1)}…` : summary;
}
