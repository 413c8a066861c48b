import { execFileSync } from "node:child_process";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaClient as PgClient } from "@/generated/postgresql/client";
import { getDb, type Tx } from "@/lib/db";
import { claimJobs } from "@/lib/queue/claim-jobs";
import { enqueueJob } from "@/lib/queue/enqueue-job";
import { completeJob, rescheduleJob } from "@/lib/queue/finish-job";
import { leaseJobIds } from "@/lib/queue/lease-job-ids";
import { startWorker } from "@/lib/queue/worker";
import { type PostgresServer, startPostgres } from "@/test/support/postgres-server";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function addJobs(count: number, runAt = new Date(Date.now() - 1_000)): Promise<string[]> {
  return getDb().$transaction(async (tx) => {
    for (let i = 0; i < count; i++) await enqueueJob(tx, { kind: "deliver", payload: { n: i }, runAt });
    const rows = await tx.job.findMany({ where: { doneAt: null }, select: { id: true } });
    return rows.map((row) => row.id);
  });
}

describe("job queue (SQLite)", () => {
  beforeEach(async () => {
    await getDb().$transaction((tx) => tx.job.deleteMany({}));
  });

  it("never hands one job to two claimers", async () => {
    const ids = await addJobs(60);
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => claimJobs(`worker-${i % 3}`, 7, 60_000)),
    );
    const claimed = claims.flat().map((job) => job.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    // 12 claims × 7 > 60: every job went to exactly one claimer, and a further claim finds nothing.
    expect(claimed.sort()).toEqual([...ids].sort());
    expect(await claimJobs("worker-late", 10, 60_000)).toEqual([]);
    const owners = await getDb().job.groupBy({ by: ["leaseOwner"], _count: true });
    expect(owners.map((o) => o.leaseOwner).sort()).toEqual(["worker-0", "worker-1", "worker-2"]);
  });

  it("returns the job's fields, counts claims and skips jobs that are not due or done", async () => {
    const [due] = await addJobs(1);
    await getDb().$transaction(async (tx) => {
      await enqueueJob(tx, { kind: "deliver", runAt: new Date(Date.now() + 60_000) });
      await tx.job.create({ data: { kind: "deliver", runAt: new Date(Date.now() - 5_000), doneAt: new Date() } });
    });
    const [job, ...rest] = await claimJobs("w1", 10, 60_000);
    expect(rest).toEqual([]);
    expect(job).toMatchObject({ id: due, kind: "deliver", payload: { n: 0 }, attempts: 1, leaseOwner: "w1" });
    expect(job!.leaseUntil.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it("gives a job whose lease expired (crashed worker) to another worker", async () => {
    const [id] = await addJobs(1);
    const [first] = await claimJobs("crashed", 5, 500);
    expect(first?.id).toBe(id);
    expect(await claimJobs("other", 5, 60_000)).toEqual([]);
    await sleep(700);
    const [again] = await claimJobs("other", 5, 60_000);
    expect(again).toMatchObject({ id, leaseOwner: "other", attempts: 2 });
  });

  it("ignores completeJob and rescheduleJob from a worker that lost the lease", async () => {
    const [id] = await addJobs(1);
    await claimJobs("slow", 1, 100);
    await sleep(200);
    await claimJobs("fast", 1, 60_000);
    const db = getDb();
    const finish = (fn: (tx: Tx) => Promise<boolean>) => db.$transaction(fn);

    expect(await finish((tx) => completeJob(tx, id!, "slow"))).toBe(false);
    expect(await finish((tx) => rescheduleJob(tx, id!, "slow", new Date(Date.now() + 3_600_000), "late"))).toBe(false);
    let row = await db.job.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ doneAt: null, leaseOwner: "fast", lastError: null });

    expect(await finish((tx) => completeJob(tx, id!, "fast"))).toBe(true);
    row = await db.job.findUniqueOrThrow({ where: { id } });
    expect(row.doneAt).toBeInstanceOf(Date);
    expect(row.leaseOwner).toBeNull();
    // Done is final: neither a second completion nor a late reschedule revives it.
    expect(await finish((tx) => completeJob(tx, id!, "fast"))).toBe(false);
    expect(await claimJobs("any", 5, 60_000)).toEqual([]);
  });

  it("reschedules a job for later and releases its lease", async () => {
    const [id] = await addJobs(1);
    await claimJobs("w1", 1, 60_000);
    const later = new Date(Date.now() + 300);
    expect(await getDb().$transaction((tx) => rescheduleJob(tx, id!, "w1", later, "smtp-4xx: try later"))).toBe(true);
    expect(await getDb().job.findUniqueOrThrow({ where: { id } })).toMatchObject({ leaseOwner: null, lastError: "smtp-4xx: try later" });
    expect(await claimJobs("w2", 1, 60_000)).toEqual([]);
    await sleep(400);
    expect((await claimJobs("w2", 1, 60_000)).map((job) => job.id)).toEqual([id]);
  });
});

describe("worker loop", () => {
  it("backs off a job whose handler fails and keeps it, with a reason but no lease", async () => {
    const job = await getDb().$transaction((tx) => tx.job.create({ data: { kind: "no-such-kind", runAt: new Date(Date.now() - 1_000) } }));
    const worker = startWorker({ concurrency: 2, pollMs: 10, maxPollMs: 50, workerId: "test-worker" });
    const deadline = Date.now() + 5_000;
    while ((await getDb().job.findUniqueOrThrow({ where: { id: job.id } })).lastError === null && Date.now() < deadline) await sleep(20);
    await worker.stop();
    const row = await getDb().job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ doneAt: null, leaseOwner: null, attempts: 1 });
    expect(row.lastError).toContain('no handler for job kind "no-such-kind"');
    // First backoff step: 30 s ± 20 %.
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(row.runAt.getTime()).toBeLessThan(Date.now() + 40_000);
  });
});

describe("job queue (PostgreSQL lease statement)", () => {
  let server: PostgresServer;
  let pg: PgClient;

  beforeAll(async () => {
    server = await startPostgres();
    execFileSync(process.execPath, ["scripts/db-migrate.mjs", "deploy"], {
      env: { ...process.env, DATABASE_URL: server.url },
      stdio: ["ignore", "ignore", "inherit"],
    });
    pg = new PgClient({ adapter: new PrismaPg({ connectionString: server.url, max: 8 }) });
  }, 60_000);

  afterAll(async () => {
    await pg?.$disconnect();
    await server?.stop();
  });

  // Run the real statement on real concurrent connections: SKIP LOCKED must keep the claimers disjoint.
  // `at` stands in for the clock, so "after the lease expired" needs no sleeping.
  const lease = (workerId: string, limit: number, at = new Date()) =>
    pg.$transaction((tx) =>
      leaseJobIds(tx as unknown as Tx, "postgresql", { workerId, limit, now: at, leaseUntil: new Date(at.getTime() + 60_000) }),
    );

  it("never hands one job to two concurrent claimers and re-claims expired leases", async () => {
    const runAt = new Date(Date.now() - 1_000);
    await pg.job.createMany({ data: Array.from({ length: 80 }, () => ({ kind: "deliver", runAt })) });
    await pg.job.create({ data: { kind: "deliver", runAt: new Date(Date.now() + 3_600_000) } });

    const claims = await Promise.all(Array.from({ length: 16 }, (_, i) => lease(`pg-worker-${i % 4}`, 6)));
    const claimed = claims.flat();
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(80);
    expect(await lease("late", 100)).toEqual([]);

    // Two minutes on, every lease has expired: a crashed worker's jobs go to the next claimer.
    const again = await lease("second", 100, new Date(Date.now() + 120_000));
    expect(again.length).toBe(80);
    const rows = await pg.job.findMany({ where: { id: { in: again } }, select: { attempts: true, leaseOwner: true } });
    expect(rows.every((row) => row.attempts === 2 && row.leaseOwner === "second")).toBe(true);
  });
});
