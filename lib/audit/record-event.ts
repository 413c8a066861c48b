import type { Tx } from "@/lib/db";
import type { AuditActorType, AuditEventType, AuditOutcome } from "@/lib/audit/event-types";

export type AuditEventInput = {
  type: AuditEventType;
  actorType: AuditActorType;
  actorId?: string | null;
  sourceIp?: string | null;
  messageId?: string | null;
  recipientId?: string | null;
  outcome: AuditOutcome;
  /** Details for reviewers. Never message content, tokens, passwords or keys. */
  data?: Record<string, unknown>;
};

/**
 * Appends one audit event. Takes a transaction client on purpose: the event must commit or roll back
 * together with the change it describes.
 */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      type: event.type,
      actorType: event.actorType,
      actorId: event.actorId ?? null,
      sourceIp: event.sourceIp ?? null,
      messageId: event.messageId ?? null,
      recipientId: event.recipientId ?? null,
      outcome: event.outcome,
      data: JSON.stringify(event.data ?? {}),
    },
  });
}
