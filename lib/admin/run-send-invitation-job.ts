import { INVITATION_TTL_MS, issueInvitationToken } from "@/lib/admin/issue-invitation-token";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/i18n/format-date";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { notificationSender } from "@/lib/notify/notification-sender";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";
import { sendNotificationMail } from "@/lib/notify/send-notification-mail";
import { settleMailJob } from "@/lib/notify/settle-mail-job";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";
import { getOrgSettings } from "@/lib/settings/org-settings";

// An invitation that still cannot be sent after a day is given up and recorded, like notifications.
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/**
 * Emails an invited staff member their one-time link. The token is created here, when the email is about to
 * leave (it exists only hashed in the database and in the email, never in the job payload). A crash after
 * sending sends a second email whose link retires the first: at least once.
 */
export async function runSendInvitationJob(job: ClaimedJob): Promise<JobResult> {
  const db = getDb();
  const userId = typeof job.payload.userId === "string" ? job.payload.userId : null;
  const user = userId
    ? await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, passwordHash: true, deactivatedAt: true, locale: true } })
    : null;
  // Accepted, deactivated or gone since the admin clicked: nothing to send.
  if (!user || user.passwordHash !== null || user.deactivatedAt) {
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const config = getConfig();
  const inviterId = typeof job.payload.invitedBy === "string" ? job.payload.invitedBy : null;
  const inviter = inviterId ? await db.user.findUnique({ where: { id: inviterId }, select: { name: true } }) : null;
  const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
  const t = getMessages(locale).users;
  const issued = await db.$transaction((tx) => issueInvitationToken(tx, user.id));
  const { html, text } = await renderBrandedEmail({
    locale,
    preheader: t.invitationEmail.preheader(INVITATION_TTL_MS / 86_400_000),
    heading: t.invitationEmail.heading(config.ORG_NAME),
    paragraphs: [
      t.invitationEmail.invitedBy(inviter?.name ?? config.ORG_NAME, config.ORG_NAME, t.roles[user.role] ?? user.role),
      t.invitationEmail.expiry(formatDateTime(issued.expiresAt, locale)),
    ],
    action: { label: t.invitationEmail.action, url: `${config.publicUrl}/invite/${issued.token}` },
    actionAfter: 1,
    footer: t.invitationEmail.footer(config.ORG_NAME),
  });
  const from = notificationSender(config, config.ORG_NAME, (await getOrgSettings()).notifyFrom);
  const report = await sendNotificationMail({ from, to: user.email, subject: t.invitationEmail.subject(config.ORG_NAME), text, html }, from.address);
  return settleMailJob(job, report, GIVE_UP_AFTER_MS, { notice: "invitation", data: { userId: user.id }, failuresOnly: true });
}
