import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";

export type IntakeRefusal = {
  /** message.refused for a refused transaction; user.sign_in_failed for a failed SMTP AUTH. */
  type?: "message.refused" | "user.sign_in_failed";
  reason: string;
  replyCode: number;
  /** denied: not allowed to send (authentication, sender); failure: the message broke a rule (size, syntax). */
  outcome: "denied" | "failure";
  clientIp: string | null;
  /** The authenticated sender, if any. */
  userId?: string | null;
  details?: Record<string, string | number | boolean>;
};

/**
 * Audits one refusal at the SMTP door. Never includes content, addresses or credentials: the reason, the
 * reply code and sizes are enough to investigate. A failure to write the audit row is logged and swallowed:
 * the refusal stands either way (the database being down is often why the message was refused).
 */
export async function recordIntakeRefusal(refusal: IntakeRefusal): Promise<void> {
  try {
    await getDb().$transaction((tx) =>
      recordAuditEvent(tx, {
        type: refusal.type ?? "message.refused",
        actorType: "smtp-client",
        actorId: refusal.userId ?? null,
        sourceIp: refusal.clientIp,
        outcome: refusal.outcome,
        data: { reason: refusal.reason, replyCode: refusal.replyCode, ...refusal.details },
      }),
    );
  } catch (error) {
    console.error(`sealpost smtp: could not audit a refusal (${refusal.reason}): ${(error as Error).message}`);
  }
}
