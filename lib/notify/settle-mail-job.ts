import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import type { SendReport } from "@/lib/notify/send-notification-mail";
import { summarizeSendReport } from "@/lib/notify/summarize-send-report";
import { nextRunAt } from "@/lib/queue/backoff";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob, rescheduleJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";

export type MailJobAudit = {
  /** What kind of mail this was (`notice` in the event), e.g. "invitation". */
  notice: string;
  messageId?: string | null;
  /** Reviewer details added to the event (ids, never secrets). */
  data: Record<string, unknown>;
  /** Audit only a mail that was given up on (its success is audited elsewhere, or not worth an event). */
  failuresOnly?: boolean;
};

/**
 * Settles a job that tried to send one email: a failed send is retried with backoff until `giveUpAfterMs`
 * after the job was queued; then (or once sent) the job completes and the outcome is audited in the same
 * transaction, only while this worker still holds the job's lease.
 */
export async function settleMailJob(job: ClaimedJob, report: SendReport, giveUpAfterMs: number, audit: MailJobAudit): Promise<JobResult> {
  const db = getDb();
  const now = new Date();
  if (!report.sent && now.getTime() - job.createdAt.getTime() < giveUpAfterMs) {
    const retryAt = nextRunAt(job.attempts, now);
    const error = report.error ?? "not sent";
    await db.$transaction((tx) => rescheduleJob(tx, job.id, job.leaseOwner, retryAt, error));
    return { retryAt, error };
  }
  await db.$transaction(async (tx) => {
    if (!(await completeJob(tx, job.id, job.leaseOwner)) || (report.sent && audit.failuresOnly)) return;
    await recordAuditEvent(tx, {
      type: report.sent ? "notification.sent" : "notification.failed",
      actorType: "system",
      actorId: job.leaseOwner,
      messageId: audit.messageId ?? null,
      outcome: report.sent ? "success" : "failure",
      data: { notice: audit.notice, ...audit.data, tries: job.attempts, ...summarizeSendReport(report) },
    });
  });
  return { done: true };
}
