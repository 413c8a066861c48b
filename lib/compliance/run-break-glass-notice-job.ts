import { renderBreakGlassNotice } from "@/lib/compliance/render-break-glass-notice";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { notificationSender } from "@/lib/notify/notification-sender";
import { sendNotificationMail } from "@/lib/notify/send-notification-mail";
import { settleMailJob } from "@/lib/notify/settle-mail-job";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";
import { getBranding } from "@/lib/settings/get-branding";
import { getOrgSettings } from "@/lib/settings/org-settings";

// Job kind `break-glass-notice`, payload `{ grantId, adminUserId }`: one job per admin, queued in the same
// transaction as the grant (lib/compliance/grant-break-glass.ts). The justification is read from the grant
// when sending, so it never sits in the job table. A notice that cannot be sent for a day is given up and
// recorded, like the other account emails.
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

export async function runBreakGlassNoticeJob(job: ClaimedJob): Promise<JobResult> {
  const db = getDb();
  const grantId = typeof job.payload.grantId === "string" ? job.payload.grantId : null;
  const adminUserId = typeof job.payload.adminUserId === "string" ? job.payload.adminUserId : null;
  const grant = grantId ? await db.breakGlassGrant.findUnique({ where: { id: grantId } }) : null;
  const admin = adminUserId ? await db.user.findUnique({ where: { id: adminUserId }, select: { id: true, email: true, locale: true, deactivatedAt: true } }) : null;
  const officer = grant ? await db.user.findUnique({ where: { id: grant.userId }, select: { name: true, email: true } }) : null;
  // Deactivated since the grant, or a malformed job: nobody to tell.
  if (!grant || !officer || !admin || admin.deactivatedAt) {
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const config = getConfig();
  const language = admin.locale?.split("-")[0];
  const locale = isLocale(language) ? language : DEFAULT_LOCALE;
  const rendered = await renderBreakGlassNotice(
    {
      officer,
      messageId: grant.messageId,
      justification: grant.justification,
      grantedAt: grant.createdAt,
      expiresAt: grant.expiresAt,
      storyUrl: `${config.publicUrl}/compliance/messages/${grant.messageId}`,
    },
    locale,
  );
  const from = notificationSender(config, (await getBranding()).orgName, (await getOrgSettings()).notifyFrom);
  const report = await sendNotificationMail({ ...rendered, from, to: admin.email }, from.address);
  return settleMailJob(job, report, GIVE_UP_AFTER_MS, { notice: "break-glass", messageId: grant.messageId, data: { userId: admin.id, grantId: grant.id } });
}
