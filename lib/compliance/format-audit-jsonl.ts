import type { AuditEventView } from "@/lib/compliance/to-audit-event-views";

/**
 * One event as a JSON Lines record (one JSON object per line, "\n" separated). JSON.stringify escapes control
 * characters, so a value can never break a line.
 */
export function auditJsonLine(event: AuditEventView): string {
  return `${JSON.stringify({
    seq: event.seq,
    at: event.at.toISOString(),
    type: event.type,
    actorType: event.actorType,
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    sourceIp: event.sourceIp,
    messageId: event.messageId,
    recipientId: event.recipientId,
    outcome: event.outcome,
    data: event.data,
  })}\n`;
}
