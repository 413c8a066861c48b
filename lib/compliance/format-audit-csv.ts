import type { AuditEventView } from "@/lib/compliance/to-audit-event-views";

// CSV per RFC 4180: CRLF line ends, a header line, fields with a comma, double quote, CR or LF enclosed in
// double quotes with inner quotes doubled (§2). Spreadsheets run cells that start with = + - @ (and tab or CR,
// which some treat the same) as formulas, so such a cell gets a leading apostrophe (OWASP "CSV injection"):
// audit data holds values outsiders chose (addresses, user agents, file sizes typed by nobody, SMTP replies).

export const AUDIT_CSV_COLUMNS = [
  "seq", "at", "type", "actor_type", "actor_id", "actor_email", "source_ip", "message_id", "recipient_id", "outcome", "data",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field. Numbers are written as they are; text is neutralised against formulas, then quoted if needed. */
export function escapeCsvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: (string | number | null)[]): string {
  return `${cells.map(escapeCsvCell).join(",")}\r\n`;
}

export function auditCsvHeader(): string {
  return csvLine([...AUDIT_CSV_COLUMNS]);
}

export function auditCsvRow(event: AuditEventView): string {
  return csvLine([
    event.seq,
    event.at.toISOString(),
    event.type,
    event.actorType,
    event.actorId,
    event.actorEmail,
    event.sourceIp,
    event.messageId,
    event.recipientId,
    event.outcome,
    JSON.stringify(event.data),
  ]);
}
