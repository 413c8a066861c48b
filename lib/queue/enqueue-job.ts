import type { Tx } from "@/lib/db";
import type { JobKind } from "@/lib/queue/job-result";

export type NewJob = {
  kind: JobKind;
  recipientId?: string | null;
  messageId?: string | null;
  /** Kind-specific details; never secrets or message content. */
  payload?: Record<string, unknown>;
  runAt?: Date;
};

/** Adds a job inside the caller's transaction, so the work exists exactly when the change that needs it does. */
export async function enqueueJob(tx: Tx, job: NewJob): Promise<void> {
  await tx.job.create({
    data: {
      kind: job.kind,
      recipientId: job.recipientId ?? null,
      messageId: job.messageId ?? null,
      payload: JSON.stringify(job.payload ?? {}),
      runAt: job.runAt ?? new Date(),
    },
  });
}
