import { recordAuditEvent } from "@/lib/audit/record-event";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { describeFailure } from "@/lib/delivery/describe-failure";
import { FAILURE_CLASSES, type FailureClass } from "@/lib/delivery/failure-class";
import { notificationSender } from "@/lib/notify/notification-sender";
import { recordNotificationFailure } from "@/lib/notify/record-notification-failure";
import { renderSenderNotice } from "@/lib/notify/render-sender-notice";
import { sendNotificationMail } from "@/lib/notify/send-notification-mail";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";

/**
 * Tells the original sender that a recipient was bounced (wrong address) or dropped (tls-only domain without
 * verified TLS). Content-free: recipient, outcome, reason and a link to the message's status page.
 */
export async function runNotifySenderJob(job: ClaimedJob): Promise<JobResult> {
  const config = getConfig();
  const db = getDb();
  const recipient = job.recipientId
    ? await db.recipient.findUnique({
        where: { id: job.recipientId },
        select: {
          id: true,
          address: true,
          status: true,
          outcomeClass: true,
          message: { select: { id: true, envelopeFrom: true, createdAt: true } },
        },
      })
    : null;
  const outcome = recipient?.status === "bounced" || recipient?.status === "dropped" ? recipient.status : null;
  // RFC 5321 §6.1: never send a non-delivery notice to a null reverse-path (<>), or two systems can bounce
  // notices back and forth.
  if (!recipient || !outcome || recipient.message.envelopeFrom === "") {
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const { message } = recipient;
  const rendered = renderSenderNotice({
    orgName: config.ORG_NAME,
    recipientAddress: recipient.address,
    outcome,
    reason: describeFailure(asFailureClass(recipient.outcomeClass)),
    detail: typeof job.payload.reason === "string" ? job.payload.reason : null,
    sentAt: message.createdAt,
    statusLink: `${config.publicUrl}/messages/${message.id}`,
  });
  const from = notificationSender(config, config.ORG_NAME);
  const report = await sendNotificationMail({ ...rendered, from, to: message.envelopeFrom }, from.address);
  if (!report.sent) {
    return recordNotificationFailure(job, report, { notice: "sender-notice", recipientId: recipient.id, messageId: message.id });
  }
  await db.$transaction(async (tx) => {
    if (!(await completeJob(tx, job.id, job.leaseOwner))) return;
    await recordAuditEvent(tx, {
      type: "sender_notice.sent",
      actorType: "system",
      actorId: job.leaseOwner,
      messageId: message.id,
      recipientId: recipient.id,
      outcome: "success",
      data: {
        notice: outcome,
        failureClass: recipient.outcomeClass,
        via: report.via,
        delivered: report.delivered,
        capturedInDevMailbox: report.capturedInDevMailbox,
        attempts: report.attempts,
        ...(report.error ? { error: report.error } : {}),
      },
    });
  });
  return { done: true };
}

function asFailureClass(value: string | null): FailureClass | null {
  return FAILURE_CLASSES.find((known) => known === value) ?? null;
}
