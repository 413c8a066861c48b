import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import type { SendReport } from "@/lib/notify/send-notification-mail";
import { nextRunAt } from "@/lib/queue/backoff";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob, rescheduleJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";

// A notification that still cannot be sent a day after it was queued is given up on and recorded as failed, so
// the problem shows in the audit trail instead of retrying silently for ever. Until then: back off and retry.
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

export async function recordNotificationFailure(
  job: ClaimedJob,
  report: SendReport,
  target: { notice: "recipient-notification" | "sender-notice" | "receipt"; recipientId: string; messageId: string },
): Promise<JobResult> {
  const error = report.error ?? "not sent";
  const now = new Date();
  if (now.getTime() - job.createdAt.getTime() < GIVE_UP_AFTER_MS) {
    const retryAt = nextRunAt(job.attempts, now);
    await getDb().$transaction((tx) => rescheduleJob(tx, job.id, job.leaseOwner, retryAt, error));
    return { retryAt, error };
  }
  await getDb().$transaction(async (tx) => {
    if (!(await completeJob(tx, job.id, job.leaseOwner))) return;
    await recordAuditEvent(tx, {
      type: "notification.failed",
      actorType: "system",
      actorId: job.leaseOwner,
      messageId: target.messageId,
      recipientId: target.recipientId,
      outcome: "failure",
      data: { notice: target.notice, via: report.via, error, tries: job.attempts, attempts: report.attempts },
    });
  });
  return { done: true };
}
