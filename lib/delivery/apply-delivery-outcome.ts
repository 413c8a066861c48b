import type { AuditEventType } from "@/lib/audit/event-types";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Tx } from "@/lib/db";
import type { AttemptRecord } from "@/lib/delivery/attempt-smtp";
import type { Outcome } from "@/lib/delivery/decide-outcome";
import { escrowRecipient } from "@/lib/escrow/escrow-recipient";
import { nextRunAt } from "@/lib/queue/backoff";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { enqueueJob } from "@/lib/queue/enqueue-job";
import { completeJob, rescheduleJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

const FINAL = {
  delivered: { status: "delivered", auditType: "recipient.delivered" },
  bounce: { status: "bounced", auditType: "recipient.bounced" },
  drop: { status: "dropped", auditType: "recipient.dropped" },
} as const satisfies Record<string, { status: string; auditType: AuditEventType }>;

export type OutcomeTarget = { job: ClaimedJob; recipientId: string; messageId: string; deliveredBy?: AttemptRecord };

/**
 * Writes a recipient's outcome and settles its job, in the caller's transaction. Every final outcome moves the
 * recipient only out of "queued", so when two workers race on one recipient (a lease expired mid-delivery) the
 * second changes nothing: exactly one status, one outcome event and one follow-up job.
 */
export async function applyDeliveryOutcome(tx: Tx, target: OutcomeTarget, outcome: Outcome): Promise<JobResult> {
  const { job, recipientId, messageId } = target;
  const workerId = job.leaseOwner;
  if (outcome.action === "retry") {
    const retryAt = outcome.retryAt ?? nextRunAt(job.attempts);
    const error = `${outcome.failureClass ?? "failed"}: ${outcome.reason}`;
    await rescheduleJob(tx, job.id, workerId, retryAt, error);
    return { retryAt, error };
  }
  await completeJob(tx, job.id, workerId);
  if (outcome.action === "escrow") {
    await escrowRecipient(tx, { recipientId, messageId, failureClass: outcome.failureClass, reason: outcome.reason, actorId: workerId });
    return { done: true };
  }
  const { status, auditType } = FINAL[outcome.action];
  const via = target.deliveredBy;
  const delivered = outcome.action === "delivered";
  const { count } = await tx.recipient.updateMany({
    where: { id: recipientId, status: "queued" },
    data: {
      status,
      outcomeAt: new Date(),
      outcomeClass: outcome.failureClass,
      ...(delivered ? { tlsProtocol: via?.tlsProtocol ?? null, tlsCipher: via?.tlsCipher ?? null } : {}),
    },
  });
  if (count !== 1) return { done: true };
  if (!delivered) {
    await enqueueJob(tx, { kind: "notify-sender", recipientId, messageId, payload: { reason: outcome.reason } });
  }
  await recordAuditEvent(tx, {
    type: auditType,
    actorType: "system",
    actorId: workerId,
    messageId,
    recipientId,
    outcome: delivered ? "success" : "failure",
    data: delivered
      ? {
          mxHost: via?.mxHost ?? null,
          mxIp: via?.mxIp ?? null,
          tlsProtocol: via?.tlsProtocol ?? null,
          tlsCipher: via?.tlsCipher ?? null,
          certFingerprint: via?.certFingerprint ?? null,
        }
      : { failureClass: outcome.failureClass, reason: outcome.reason },
  });
  // A tls-only drop is a non-delivery the sender is told about, like a bounce; the payload's status tells them apart.
  await emitWebhookEvent(tx, { event: delivered ? "delivered" : "bounced", messageId, recipientId });
  return { done: true };
}
