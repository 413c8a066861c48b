import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { applyDeliveryOutcome } from "@/lib/delivery/apply-delivery-outcome";
import { decideOutcome, shouldConnect } from "@/lib/delivery/decide-outcome";
import { deliverToDomain } from "@/lib/delivery/deliver-to-domain";
import { findDomainPolicy } from "@/lib/delivery/find-domain-policy";
import { recordAttempts } from "@/lib/delivery/record-attempts";
import { readMessageMime } from "@/lib/escrow/read-message-content";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";

/**
 * Delivers one recipient's copy: applies the domain policy and the sender's escrow request, tries verified-TLS
 * delivery to the domain's MX hosts, then records every attempt and the outcome in one transaction. Message
 * content is decrypted only when a connection will actually be made, and only ever sent in "verify" mode:
 * content never crosses an unverified or plaintext connection, whatever the domain's policy says.
 */
export async function runDeliverJob(job: ClaimedJob): Promise<JobResult> {
  const db = getDb();
  const recipient = job.recipientId
    ? await db.recipient.findUnique({
        where: { id: job.recipientId },
        select: {
          id: true,
          address: true,
          domain: true,
          status: true,
          createdAt: true,
          message: { select: { id: true, envelopeFrom: true, forceEscrow: true } },
        },
      })
    : null;
  if (!recipient || recipient.status !== "queued") {
    // Already decided (a retry that raced another worker, or a duplicate job): nothing left to do.
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const { message } = recipient;
  const target = { job, recipientId: recipient.id, messageId: message.id };
  const policy = await findDomainPolicy(recipient.domain);
  const decisionInput = {
    policy,
    forceEscrow: message.forceEscrow,
    firstQueuedAt: recipient.createdAt,
    retryWindowMs: getConfig().RETRY_WINDOW,
  };
  if (!shouldConnect(policy, message.forceEscrow)) {
    const outcome = decideOutcome({ ...decisionInput, result: { delivered: false, attempts: [] }, now: new Date() });
    return db.$transaction((tx) => applyDeliveryOutcome(tx, target, outcome));
  }

  const mime = await readMessageMime(message.id);
  const startedAt = new Date();
  const result = await deliverToDomain({
    domain: recipient.domain,
    envelope: { from: message.envelopeFrom, to: [recipient.address] },
    message: mime,
    mode: "verify",
  });
  mime.fill(0);
  const now = new Date();
  const outcome = decideOutcome({ ...decisionInput, result, now });
  const deliveredBy = result.attempts.find((attempt) => attempt.outcome === "delivered");
  return db.$transaction(async (tx) => {
    await recordAttempts(tx, {
      recipientId: recipient.id,
      messageId: message.id,
      attempts: result.attempts,
      routeFailure: result.routeFailure,
      startedAt,
      durationMs: now.getTime() - startedAt.getTime(),
      actorId: job.leaseOwner,
    });
    return applyDeliveryOutcome(tx, { ...target, deliveredBy }, outcome);
  });
}
