import type { Tx } from "@/lib/db";

// Both functions are guarded by the lease: a worker that stalled past its lease (and whose job another worker
// has since claimed) must not mark that job done or move it. They return whether the write took effect.

export async function completeJob(tx: Tx, jobId: string, workerId: string): Promise<boolean> {
  const { count } = await tx.job.updateMany({
    where: { id: jobId, leaseOwner: workerId, doneAt: null },
    data: { doneAt: new Date(), leaseOwner: null, leaseUntil: null },
  });
  return count === 1;
}

/** `error` is a short, content-free reason kept for operators (`Job.lastError`). */
export async function rescheduleJob(tx: Tx, jobId: string, workerId: string, runAt: Date, error: string): Promise<boolean> {
  const { count } = await tx.job.updateMany({
    where: { id: jobId, leaseOwner: workerId, doneAt: null },
    data: { runAt, lastError: error.slice(0, 500), leaseOwner: null, leaseUntil: null },
  });
  return count === 1;
}
