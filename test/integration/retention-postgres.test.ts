import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { startPostgres } from "@/test/support/postgres-server";

// The same retention job and reports on PostgreSQL: real concurrent connections (the pool runs the two jobs'
// transactions at once, so the row lock and the conditional UPDATE are what keep a message from being shredded
// twice), and the grouped report queries on the other provider. The whole file uses the PostgreSQL database.
const server = await startPostgres();
execFileSync(process.execPath, ["scripts/db-migrate.mjs", "deploy"], {
  env: { ...process.env, DATABASE_URL: server.url },
  stdio: ["ignore", "ignore", "inherit"],
});
process.env.DATABASE_URL = server.url;

const { getDb } = await import("@/lib/db");
const { getConfig } = await import("@/lib/config");
const { verifyAuditChain } = await import("@/lib/audit/verify-chain");
const { readMessageMime } = await import("@/lib/escrow/read-message-content");
const { ShreddedError } = await import("@/lib/escrow/shredded-error");
const { applyRetention } = await import("@/lib/retention/apply-retention");
const { setRetentionDefaults } = await import("@/lib/retention/retention-settings");
const { getDailyOutcomes } = await import("@/lib/reports/get-daily-outcomes");
const { getTlsGaps } = await import("@/lib/reports/get-tls-gaps");
const { getOpenStats } = await import("@/lib/reports/get-open-stats");
const { parseReportRange } = await import("@/lib/reports/report-range");
const { seedEscrowedMessage } = await import("@/test/support/seed-escrowed-message");

const db = getDb();
const DAY = 86_400_000;

afterAll(async () => {
  await db.$disconnect();
  await server.stop();
});

describe("retention and reports on PostgreSQL", () => {
  it("shreds each due message exactly once when two jobs run on separate connections", async () => {
    expect(getConfig().provider).toBe("postgresql");
    const user = await db.$transaction((tx) => tx.user.create({ data: { email: "ada@admin.test", name: "Ada", role: "admin" } }));
    await setRetentionDefaults({ id: user.id, email: user.email, name: user.name, role: "admin" }, { accessDays: 30, retentionDays: 30 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await seedEscrowedMessage({ to: ["bob@recipient.test"] })).messageId);
    await db.$transaction((tx) => tx.message.updateMany({ where: { id: { in: ids } }, data: { createdAt: new Date(Date.now() - 40 * DAY) } }));
    await db.$transaction((tx) => tx.message.update({ where: { id: ids[0]! }, data: { legalHold: true, legalHoldReason: "Case 1" } }));

    const runs = await Promise.all([applyRetention(new Date(), { batchSize: 2 }), applyRetention(new Date(), { batchSize: 2 })]);
    expect(runs.reduce((sum, run) => sum + run.shredded, 0)).toBe(5);
    expect(runs.every((run) => run.onHold === 1 && run.failed === 0)).toBe(true);
    const events = await db.auditEvent.groupBy({ by: ["messageId"], where: { type: "message.shredded" }, _count: { _all: true } });
    expect(events).toHaveLength(5);
    expect(events.every((group) => group._count._all === 1)).toBe(true);
    await expect(readMessageMime(ids[1]!)).rejects.toBeInstanceOf(ShreddedError);
    expect((await readMessageMime(ids[0]!)).length).toBeGreaterThan(0);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("computes the reports with the same grouped queries", async () => {
    const parsed = parseReportRange({ from: "2026-03-01", to: "2026-03-01" });
    if (!parsed.ok) throw new Error("range");
    const officer = { id: "officer", email: "cora@compliance.test", name: "Cora", role: "compliance" as const };
    const recipients = await db.recipient.findMany({ select: { id: true }, take: 2 });
    const now = new Date("2026-03-01T12:00:00Z").getTime();
    await db.$transaction(async (tx) => {
      await tx.recipient.updateMany({ data: { outcomeAt: new Date(now) } });
      // Of the 6 escrowed recipients, one for a TLS failure; two opened 10 and 20 minutes after notification.
      await tx.recipient.update({ where: { id: recipients[0]!.id }, data: { outcomeClass: "certificate-expired", notifiedAt: new Date(now), firstViewedAt: new Date(now + 600_000) } });
      await tx.recipient.update({ where: { id: recipients[1]!.id }, data: { notifiedAt: new Date(now), firstViewedAt: new Date(now + 1_200_000) } });
    });
    const [daily] = await getDailyOutcomes(officer, parsed.range);
    expect(daily).toEqual({ day: "2026-03-01", delivered: 0, escrowed: 6, bounced: 0, dropped: 0, total: 6 });
    expect(await getTlsGaps(officer, parsed.range)).toEqual([
      { domain: "recipient.test", escrowed: 1, topFailureClass: "certificate-expired", lastSeen: expect.any(Date) },
    ]);
    expect(await getOpenStats(officer, parsed.range)).toEqual({ escrowed: 6, opened: 2, openedShare: 2 / 6, medianMsToOpen: 900_000 });
  });
});
