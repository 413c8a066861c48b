import { z } from "zod";
import { issueDeviceCode } from "@/lib/auth/issue-device-code";
import { issuePasswordResetToken } from "@/lib/auth/issue-password-reset-token";
import { type AccountEmail, renderAccountEmail } from "@/lib/auth/render-account-email";
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

// Job kind `account-email`, payload `{ email: "device-code" | "password-reset" | "password-changed", userId }`.
// Queued in the same transaction as the request that needs it. Secrets (the code, the reset token) are made
// here, right before sending, so they never sit in the job table; a retry makes fresh ones, which retires the
// earlier ones.
const payloadSchema = z.object({ email: z.enum(["device-code", "password-reset", "password-changed"]), userId: z.string().min(1) });

// A code or link that arrives late is useless; a missed "password changed" notice still matters a day later.
const GIVE_UP_AFTER_MS = { "device-code": 10 * 60_000, "password-reset": 60 * 60_000, "password-changed": 24 * 3_600_000 };

export async function runAccountEmailJob(job: ClaimedJob): Promise<JobResult> {
  const config = getConfig();
  const db = getDb();
  const parsed = payloadSchema.safeParse(job.payload);
  const user = parsed.success
    ? await db.user.findUnique({ where: { id: parsed.data.userId }, select: { id: true, email: true, name: true, locale: true, deactivatedAt: true } })
    : null;
  if (!parsed.success || !user || user.deactivatedAt) {
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const kind = parsed.data.email;
  const language = user.locale?.split("-")[0];
  const locale = isLocale(language) ? language : DEFAULT_LOCALE;
  const email: AccountEmail =
    kind === "device-code"
      ? { kind, code: (await db.$transaction((tx) => issueDeviceCode(tx, user.id))).code }
      : kind === "password-reset"
        ? { kind, link: `${config.publicUrl}/reset-password/${(await db.$transaction((tx) => issuePasswordResetToken(tx, user.id))).token}` }
        : { kind, changedAt: job.createdAt, signInUrl: `${config.publicUrl}/signin` };
  const rendered = await renderAccountEmail(email, { name: user.name, locale });
  const from = notificationSender(config, (await getBranding()).orgName, (await getOrgSettings()).notifyFrom);
  const report = await sendNotificationMail({ ...rendered, from, to: user.email }, from.address);
  return settleMailJob(job, report, GIVE_UP_AFTER_MS[kind], { notice: kind, data: { userId: user.id } });
}
