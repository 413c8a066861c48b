import type { Tx } from "@/lib/db";

// The only provider-specific SQL in Sealpost. Both statements lease up to `limit` due jobs in one atomic step,
// so two workers can never hold the same job:
// - SQLite has one writer at a time, so a single UPDATE … WHERE id IN (SELECT …) RETURNING is atomic.
//   Prisma's SQLite adapter stores DateTime as ISO-8601 text ("2026-01-02T03:04:05.678+00:00") and binds Date
//   parameters the same way, so the text comparisons below order correctly.
// - PostgreSQL runs writers concurrently: FOR UPDATE SKIP LOCKED makes each worker lock a disjoint set of rows
//   instead of queueing behind (or double-claiming) another worker's rows.
// A job whose lease has expired (its worker crashed or stalled) is due again. `attempts` counts claims.

export type LeaseRequest = { workerId: string; limit: number; now: Date; leaseUntil: Date };

export async function leaseJobIds(tx: Tx, provider: "sqlite" | "postgresql", req: LeaseRequest): Promise<string[]> {
  const { workerId, limit, now, leaseUntil } = req;
  const rows =
    provider === "postgresql"
      ? await tx.$queryRaw<{ id: string }[]>`
          WITH due AS (
            SELECT "id" FROM "Job"
            WHERE "doneAt" IS NULL AND "runAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
            ORDER BY "runAt"
            LIMIT ${limit}
            FOR UPDATE SKIP LOCKED
          )
          UPDATE "Job" SET "leaseOwner" = ${workerId}, "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
          FROM due WHERE "Job"."id" = due."id"
          RETURNING "Job"."id"`
      : await tx.$queryRaw<{ id: string }[]>`
          UPDATE "Job" SET "leaseOwner" = ${workerId}, "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
          WHERE "id" IN (
            SELECT "id" FROM "Job"
            WHERE "doneAt" IS NULL AND "runAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
            ORDER BY "runAt"
            LIMIT ${limit}
          )
          RETURNING "id"`;
  return rows.map((row) => row.id);
}
