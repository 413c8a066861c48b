import { recordAuditEvent } from "@/lib/audit/record-event";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { describeFailure } from "@/lib/delivery/describe-failure";
import { FAILURE_CLASSES, type FailureClass } from "@/lib/delivery/failure-class";
import { getMailLocale } from "@/lib/notify/get-mail-locale";
import { loadNotifyJobRecipient } from "@/lib/notify/load-notify-job-recipient";
import { notificationSender } from "@/lib/notify/notification-sender";
import { recordNotificationFailure } from "@/lib/notify/record-notification-failure";
import { renderSenderNotice } from "@/lib/notify/render-sender-notice";
import { sendNotificationMail } from "@/lib/notify/send-notification-mail";
import { sendReceiptNotice } from "@/lib/notify/send-receipt-notice";
import { summarizeSendReport } from "@/lib/notify/summarize-send-report";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";
import { getBranding } from "@/lib/settings/get-branding";
import { getOrgSettings } from "@/lib/settings/org-settings";

/**
 * Tells the original sender about one recipient: bounced (wrong address) or dropped (tls-only domain without
 * verified TLS), or — payload `{ notice: "receipt" }` — that the recipient opened the message in the portal.
 * Content-free: recipient, outcome, reason or time, and a link to the message's status page.
 */
export async function runNotifySenderJob(job: ClaimedJob): Promise<JobResult> {
  const config = getConfig();
  const db = getDb();
  const recipient = await loadNotifyJobRecipient(job);
  if (recipient && job.payload.notice === "receipt") return sendReceiptNotice(job, recipient);
  const outcome = recipient?.status === "bounced" || recipient?.status === "dropped" ? recipient.status : null;
  // RFC 5321 §6.1: never send a non-delivery notice to a null reverse-path (<>), or two systems can bounce
  // notices back and forth.
  if (!recipient || !outcome || recipient.message.envelopeFrom === "") {
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const { message } = recipient;
  const { orgName } = await getBranding();
  const rendered = await renderSenderNotice({
    locale: await getMailLocale(message.envelopeFrom),
    orgName,
    recipientAddress: recipient.address,
    outcome,
    reason: describeFailure(asFailureClass(recipient.outcomeClass)),
    detail: typeof job.payload.reason === "string" ? job.payload.reason : null,
    sentAt: message.createdAt,
    statusLink: `${config.publicUrl}/sent/${message.id}`,
  });
  const from = notificationSender(config, orgName, (await getOrgSettings()).notifyFrom);
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
        ...summarizeSendReport(report),
      },
    });
  });
  return { done: true };
}

function asFailureClass(value: string | null): FailureClass | null {
  return FAILURE_CLASSES.find((known) => known === value) ?? null;
}
