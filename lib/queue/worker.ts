import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { runAccountEmailJob } from "@/lib/auth/run-account-email-job";
import { runBreakGlassNoticeJob } from "@/lib/compliance/run-break-glass-notice-job";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { runSendInvitationJob } from "@/lib/admin/run-send-invitation-job";
import { runDeliverJob } from "@/lib/delivery/run-deliver-job";
import { runNotifyRecipientJob } from "@/lib/notify/run-notify-recipient-job";
import { runNotifySenderJob } from "@/lib/notify/run-notify-sender-job";
import { nextRunAt } from "@/lib/queue/backoff";
import { claimJobs, type ClaimedJob } from "@/lib/queue/claim-jobs";
import { rescheduleJob } from "@/lib/queue/finish-job";
import { runHousekeeping, type HousekeepingState } from "@/lib/queue/run-housekeeping";
import type { JobKind, JobResult } from "@/lib/queue/job-result";
import { runWebhookJob } from "@/lib/webhooks/run-webhook-job";

export type WorkerOptions = {
  /** Jobs run at once. Default DELIVERY_CONCURRENCY. */
  concurrency?: number;
  /** Shortest pause between polls; doubles while the queue stays empty, up to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** Default JOB_LEASE. */
  leaseMs?: number;
  workerId?: string;
};

export type Worker = { workerId: string; stop(): Promise<void> };

type JobHandler = (job: ClaimedJob) => Promise<JobResult>;

const HANDLERS: Record<JobKind, JobHandler> = {
  deliver: runDeliverJob,
  "notify-recipient": runNotifyRecipientJob,
  "notify-sender": runNotifySenderJob,
  webhook: runWebhookJob,
  "send-invitation": runSendInvitationJob,
  "account-email": runAccountEmailJob,
  "break-glass-notice": runBreakGlassNoticeJob,
};

/**
 * Runs the delivery worker in this process until `stop()`: claims due jobs up to the concurrency limit, runs
 * their handlers concurrently and polls again when one finishes or, when idle, after a growing pause.
 * `stop()` claims nothing more and resolves once the jobs in flight have finished.
 */
export function startWorker(opts: WorkerOptions = {}): Worker {
  const config = getConfig();
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const concurrency = opts.concurrency ?? config.DELIVERY_CONCURRENCY;
  const pollMs = opts.pollMs ?? 250;
  const maxPollMs = Math.max(opts.maxPollMs ?? 5_000, pollMs);
  const leaseMs = opts.leaseMs ?? config.JOB_LEASE;

  const inFlight = new Set<Promise<void>>();
  const runningIds = new Set<string>();
  let stopping = false;
  // A finished job (or stop()) cuts the current pause short; one that finishes while the loop is busy
  // claiming makes the next pause return at once, so a freed slot is never left idle for a whole pause.
  let wake: (() => void) | null = null;
  let wokenEarly = false;
  const wakeUp = () => {
    if (wake) wake();
    else wokenEarly = true;
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (wokenEarly) {
        wokenEarly = false;
        return resolve();
      }
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        wake = null;
        clearTimeout(timer);
        resolve();
      };
    });

  async function loop(): Promise<void> {
    let idlePause = pollMs;
    const housekeeping: HousekeepingState = new Map();
    while (!stopping) {
      await runHousekeeping(housekeeping);
      const free = concurrency - inFlight.size;
      let claimed: ClaimedJob[] = [];
      if (free > 0) {
        try {
          claimed = await claimJobs(workerId, free, leaseMs);
        } catch (error) {
          // A busy or unreachable database: keep the worker alive and try again after a pause.
          console.error(`[worker] could not claim jobs: ${describeError(error)}`);
        }
      }
      for (const job of claimed) {
        // A job that outlived its lease here can come back to this same worker. The fresh lease is ours, so
        // the handler already running will settle it: starting it twice would only deliver it twice.
        if (runningIds.has(job.id)) continue;
        runningIds.add(job.id);
        const running: Promise<void> = runJob(job, workerId).finally(() => {
          runningIds.delete(job.id);
          inFlight.delete(running);
          wakeUp();
        });
        inFlight.add(running);
      }
      if (stopping) break;
      if (claimed.length > 0 && claimed.length === free) {
        // Every slot is busy and more work may be waiting: poll again as soon as a slot frees up.
        idlePause = pollMs;
        await pause(maxPollMs);
      } else if (claimed.length > 0) {
        idlePause = pollMs;
        await pause(pollMs);
      } else {
        await pause(idlePause);
        idlePause = Math.min(idlePause * 2, maxPollMs);
      }
    }
    await Promise.allSettled(inFlight);
  }

  const done = loop();
  return {
    workerId,
    async stop() {
      stopping = true;
      wakeUp();
      await done;
    },
  };
}

async function runJob(job: ClaimedJob, workerId: string): Promise<void> {
  try {
    const handler = (HANDLERS as Record<string, JobHandler | undefined>)[job.kind];
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    await handler(job);
  } catch (error) {
    // Handlers report expected failures themselves; reaching here is a bug or an outage (database, key ring).
    // Back off and keep the job: it is retried later rather than lost. The reason is content-free.
    const reason = describeError(error);
    console.error(`[worker] job ${job.id} (${job.kind}) failed: ${reason}`);
    try {
      await getDb().$transaction((tx) => rescheduleJob(tx, job.id, workerId, nextRunAt(job.attempts), reason));
    } catch (rescheduleError) {
      // The lease will expire and another claim will pick the job up again.
      console.error(`[worker] could not reschedule job ${job.id}: ${describeError(rescheduleError)}`);
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error).slice(0, 500);
}
