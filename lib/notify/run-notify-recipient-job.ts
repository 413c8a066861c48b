import { recordAuditEvent } from "@/lib/audit/record-event";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { readMessageSubject } from "@/lib/escrow/read-message-content";
import { getMailLocale } from "@/lib/notify/get-mail-locale";
import { issuePortalToken } from "@/lib/notify/issue-portal-token";
import { loadNotifyJobRecipient } from "@/lib/notify/load-notify-job-recipient";
import { notificationSender } from "@/lib/notify/notification-sender";
import { recordNotificationFailure } from "@/lib/notify/record-notification-failure";
import { renderNotification } from "@/lib/notify/render-notification";
import { sendNotificationMail } from "@/lib/notify/send-notification-mail";
import { summarizeSendReport } from "@/lib/notify/summarize-send-report";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";
import { getBranding } from "@/lib/settings/get-branding";
import { getOrgSettings } from "@/lib/settings/org-settings";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

/**
 * Tells an escrowed recipient that a secure message waits in the portal. Order matters: the token is stored
 * (hashed) before the email leaves, and the recipient is marked notified only after it left. A crash in between
 * sends a second notification with a fresh link, which retires the first: at least once, never zero times.
 */
export async function runNotifyRecipientJob(job: ClaimedJob): Promise<JobResult> {
  const config = getConfig();
  const db = getDb();
  const recipient = await loadNotifyJobRecipient(job);
  const now = new Date();
  const accessEnded = recipient !== null && (recipient.revokedAt !== null || (recipient.expiresAt !== null && recipient.expiresAt <= now));
  const shredded = recipient?.message.shreddedAt != null;
  if (!recipient || recipient.status !== "escrowed" || recipient.notifiedAt !== null || accessEnded || shredded) {
    // Nothing (more) to tell: a duplicate job, the recipient's state moved on, the sender withdrew the
    // message (or it expired) while the job waited, or retention destroyed its content — a link to a closed
    // door would only confuse.
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const { message } = recipient;
  // Decrypt only the subject, and only when an admin chose to show it.
  const originalSubject = config.NOTIFY_INCLUDE_SUBJECT ? await readMessageSubject(message.id) : null;
  // The link never outlives the recipient's access.
  const linkExpiresAt = new Date(Math.min(now.getTime() + config.PORTAL_LINK_TTL, recipient.expiresAt?.getTime() ?? Infinity));
  const issued = await db.$transaction((tx) => issuePortalToken(tx, recipient.id, linkExpiresAt));
  const [{ orgName }, settings] = await Promise.all([getBranding(), getOrgSettings()]);
  const rendered = await renderNotification({
    locale: await getMailLocale(recipient.address),
    orgName,
    senderName: message.fromName,
    senderAddress: message.fromAddress,
    sentAt: message.createdAt,
    link: `${config.publicUrl}/open/${issued.token}`,
    publicUrl: config.publicUrl,
    expiresAt: issued.expiresAt,
    originalSubject,
    intro: settings.notificationIntro,
  });
  const from = notificationSender(config, `${message.fromName || message.fromAddress} via ${orgName}`, settings.notifyFrom);
  const report = await sendNotificationMail({ ...rendered, from, replyTo: message.fromAddress, to: recipient.address }, from.address);
  if (!report.sent) {
    return recordNotificationFailure(job, report, { notice: "recipient-notification", recipientId: recipient.id, messageId: message.id });
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.recipient.updateMany({ where: { id: recipient.id, notifiedAt: null }, data: { notifiedAt: new Date() } });
    await completeJob(tx, job.id, job.leaseOwner);
    if (count !== 1) return;
    await recordAuditEvent(tx, {
      type: "notification.sent",
      actorType: "system",
      actorId: job.leaseOwner,
      messageId: message.id,
      recipientId: recipient.id,
      outcome: "success",
      // The token itself never goes into the audit trail; the row id identifies the link.
      data: {
        ...summarizeSendReport(report),
        accessTokenId: issued.accessTokenId,
        linkExpiresAt: issued.expiresAt.toISOString(),
        subjectIncluded: originalSubject !== null,
      },
    });
    await emitWebhookEvent(tx, { event: "notified", messageId: message.id, recipientId: recipient.id });
  });
  return { done: true };
}
