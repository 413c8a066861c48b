import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { leaseJobIds } from "@/lib/queue/lease-job-ids";

export type ClaimedJob = {
  id: string;
  kind: string;
  recipientId: string | null;
  messageId: string | null;
  payload: Record<string, unknown>;
  /** How many times the job has been claimed, this claim included. */
  attempts: number;
  createdAt: Date;
  /** The worker holding the lease: completeJob/rescheduleJob only take effect for it. */
  leaseOwner: string;
  leaseUntil: Date;
};

/**
 * Leases up to `limit` due jobs to `workerId` for `leaseMs`. Runs inside a transaction even though the lease
 * is one statement: Prisma's SQLite adapter shares one connection, and only a transaction keeps this write
 * from landing inside another handler's open transaction.
 */
export async function claimJobs(workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  if (limit < 1) return [];
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const { provider } = getConfig();
  const rows = await getDb().$transaction(async (tx) => {
    const ids = await leaseJobIds(tx, provider, { workerId, limit, now, leaseUntil });
    if (ids.length === 0) return [];
    return tx.job.findMany({ where: { id: { in: ids } }, orderBy: { runAt: "asc" } });
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    recipientId: row.recipientId,
    messageId: row.messageId,
    payload: parsePayload(row.payload),
    attempts: row.attempts,
    createdAt: row.createdAt,
    leaseOwner: workerId,
    leaseUntil,
  }));
}

function parsePayload(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
