import { recordAuditEvent } from "@/lib/audit/record-event";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getMailLocale } from "@/lib/notify/get-mail-locale";
import type { NotifyJobRecipient } from "@/lib/notify/load-notify-job-recipient";
import { notificationSender } from "@/lib/notify/notification-sender";
import { recordNotificationFailure } from "@/lib/notify/record-notification-failure";
import { renderReceiptNotice } from "@/lib/notify/render-receipt-notice";
import { sendNotificationMail } from "@/lib/notify/send-notification-mail";
import { summarizeSendReport } from "@/lib/notify/summarize-send-report";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";
import { getBranding } from "@/lib/settings/get-branding";
import { getOrgSettings } from "@/lib/settings/org-settings";

/**
 * Sends the sender the read receipt for a first view (lib/portal/read/record-first-view.ts queued the job in
 * the same transaction). Goes to the sending account's address when the message came from one, else to the
 * envelope sender. receiptSentAt is set once: a duplicate job or a re-run after a crash finds it set and sends
 * nothing more.
 */
export async function sendReceiptNotice(job: ClaimedJob, recipient: NotifyJobRecipient): Promise<JobResult> {
  const config = getConfig();
  const db = getDb();
  const { message } = recipient;
  const to = message.sender?.email ?? message.envelopeFrom;
  if (!recipient.firstViewedAt || recipient.receiptSentAt || to === "") {
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const { orgName } = await getBranding();
  const rendered = await renderReceiptNotice({
    locale: await getMailLocale(to),
    orgName,
    recipientAddress: recipient.address,
    sentAt: message.createdAt,
    openedAt: recipient.firstViewedAt,
    historyLink: `${config.publicUrl}/sent/${message.id}`,
  });
  const from = notificationSender(config, orgName, (await getOrgSettings()).notifyFrom);
  const report = await sendNotificationMail({ ...rendered, from, to }, from.address);
  if (!report.sent) {
    return recordNotificationFailure(job, report, { notice: "receipt", recipientId: recipient.id, messageId: message.id });
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.recipient.updateMany({ where: { id: recipient.id, receiptSentAt: null }, data: { receiptSentAt: new Date() } });
    await completeJob(tx, job.id, job.leaseOwner);
    if (count !== 1) return;
    await recordAuditEvent(tx, {
      type: "receipt.sent",
      actorType: "system",
      actorId: job.leaseOwner,
      messageId: message.id,
      recipientId: recipient.id,
      outcome: "success",
      data: { openedAt: recipient.firstViewedAt?.toISOString() ?? null, ...summarizeSendReport(report) },
    });
  });
  return { done: true };
}
