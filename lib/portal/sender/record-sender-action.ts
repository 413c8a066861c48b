import type { AuditEventType } from "@/lib/audit/event-types";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import type { Tx } from "@/lib/db";
import type { AccessContext } from "@/lib/portal/require-message-access";
import type { RecipientRef } from "@/lib/portal/sender/require-own-recipient";

/** Audits one successful sender action on a recipient, in the transaction that made the change. */
export async function recordSenderAction(
  tx: Tx,
  action: { type: AuditEventType; actor: Actor; ref: RecipientRef; ctx: AccessContext; data?: Record<string, unknown> },
): Promise<void> {
  await recordAuditEvent(tx, {
    type: action.type,
    actorType: "user",
    actorId: action.actor.id,
    sourceIp: action.ctx.sourceIp ?? null,
    messageId: action.ref.messageId,
    recipientId: action.ref.recipientId,
    outcome: "success",
    data: action.data,
  });
}
