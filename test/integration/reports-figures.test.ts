import { beforeAll, describe, expect, it } from "vitest";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { exportReportCsv } from "@/lib/reports/export-report";
import { getDailyOutcomes } from "@/lib/reports/get-daily-outcomes";
import { getDomainOutcomes } from "@/lib/reports/get-domain-outcomes";
import { getOpenStats, median } from "@/lib/reports/get-open-stats";
import { getTlsGaps } from "@/lib/reports/get-tls-gaps";
import { parseReportRange, type ReportRange } from "@/lib/reports/report-range";

const db = getDb();
const MIN = 60_000;

async function createUser(email: string, role: Actor["role"]): Promise<Actor> {
  const user = await db.$transaction((tx) => tx.user.create({ data: { email, name: email.split("@")[0]!, role, emailVerifiedAt: new Date() } }));
  return { id: user.id, email: user.email, name: user.name, role };
}

type SeedRecipient = {
  domain: string;
  status: string;
  at: string | null;
  outcomeClass?: string;
  /** Minutes from notification to first view; the notification is sent 5 minutes after the outcome. */
  openedAfterMin?: number;
};

// Three days in March 2026 plus rows just outside them. Per day:
//   03-01: a delivered ×2, b escrowed (starttls, opened after 10 min), c bounced, e escrowed (starttls)
//   03-02: b escrowed (starttls, opened after 60 min), b escrowed (certificate-expired), c escrowed (policy, no
//          failure class; opened after 30 min), a dropped (starttls: dropped is not escrow)
//   03-03: d escrowed (certificate-untrusted, opened after 120 min), a delivered, e escrowed (tls-version-too-old),
//          "=cmd|calc" delivered (a hostile value, to check CSV formula neutralisation)
const RECIPIENTS: SeedRecipient[] = [
  { domain: "a.example", status: "delivered", at: "2026-03-01T08:00:00Z" },
  { domain: "a.example", status: "delivered", at: "2026-03-01T09:00:00Z" },
  { domain: "b.example", status: "escrowed", at: "2026-03-01T10:00:00Z", outcomeClass: "starttls-not-supported", openedAfterMin: 10 },
  { domain: "c.example", status: "bounced", at: "2026-03-01T11:00:00Z", outcomeClass: "smtp-5xx" },
  { domain: "e.example", status: "escrowed", at: "2026-03-01T12:00:00Z", outcomeClass: "starttls-not-supported" },
  { domain: "b.example", status: "escrowed", at: "2026-03-02T00:00:00Z", outcomeClass: "starttls-not-supported", openedAfterMin: 60 },
  { domain: "b.example", status: "escrowed", at: "2026-03-02T13:00:00Z", outcomeClass: "certificate-expired" },
  { domain: "c.example", status: "escrowed", at: "2026-03-02T14:00:00Z", openedAfterMin: 30 },
  { domain: "a.example", status: "dropped", at: "2026-03-02T15:00:00Z", outcomeClass: "starttls-not-supported" },
  { domain: "d.example", status: "escrowed", at: "2026-03-03T16:00:00Z", outcomeClass: "certificate-untrusted", openedAfterMin: 120 },
  { domain: "a.example", status: "delivered", at: "2026-03-03T17:00:00Z" },
  { domain: "e.example", status: "escrowed", at: "2026-03-03T18:00:00Z", outcomeClass: "tls-version-too-old" },
  { domain: "=cmd|calc", status: "delivered", at: "2026-03-03T23:59:59.999Z" },
  // Outside the range (either side), and a recipient with no outcome yet.
  { domain: "a.example", status: "delivered", at: "2026-02-28T23:59:59.999Z" },
  { domain: "b.example", status: "escrowed", at: "2026-03-04T00:00:00Z", outcomeClass: "starttls-not-supported", openedAfterMin: 1 },
  { domain: "a.example", status: "queued", at: null },
];

let range: ReportRange;
let officer: Actor;
let admin: Actor;

beforeAll(async () => {
  officer = await createUser("cora@compliance.test", "compliance");
  admin = await createUser("ada@admin.test", "admin");
  const parsed = parseReportRange({ from: "2026-03-01", to: "2026-03-03" });
  if (!parsed.ok) throw new Error("test range did not parse");
  range = parsed.range;
  await db.$transaction(async (tx) => {
    const message = await tx.message.create({
      data: { source: "api", envelopeFrom: "a@sender.test", fromName: "", fromAddress: "a@sender.test", sizeBytes: 1, dataKeyId: "k1" },
    });
    for (const [index, seed] of RECIPIENTS.entries()) {
      const outcomeAt = seed.at ? new Date(seed.at) : null;
      const notifiedAt = outcomeAt && seed.status === "escrowed" ? new Date(outcomeAt.getTime() + 5 * MIN) : null;
      await tx.recipient.create({
        data: {
          messageId: message.id,
          address: `r${index}@${seed.domain}`,
          domain: seed.domain,
          status: seed.status,
          outcomeAt,
          outcomeClass: seed.outcomeClass ?? null,
          notifiedAt,
          firstViewedAt: notifiedAt && seed.openedAfterMin !== undefined ? new Date(notifiedAt.getTime() + seed.openedAfterMin * MIN) : null,
        },
      });
    }
  });
});

describe("report range", () => {
  it("defaults to the last 30 days and refuses impossible or overlong ranges", () => {
    const now = new Date("2026-03-15T12:00:00Z");
    const parsed = parseReportRange({}, now);
    expect(parsed.ok && { from: parsed.range.fromDay, to: parsed.range.toDay, days: parsed.range.days.length }).toEqual({
      from: "2026-02-14",
      to: "2026-03-15",
      days: 30,
    });
    expect(parsed.ok && parsed.range.end.toISOString()).toBe("2026-03-16T00:00:00.000Z");
    expect(parseReportRange({ from: "2026-02-30", to: "2026-03-01" })).toEqual({ ok: false, problem: "invalid-date" });
    expect(parseReportRange({ from: "yesterday" })).toEqual({ ok: false, problem: "invalid-date" });
    expect(parseReportRange({ from: "2026-03-02", to: "2026-03-01" })).toEqual({ ok: false, problem: "from-after-to" });
    expect(parseReportRange({ from: "2025-01-01", to: "2026-01-02" })).toEqual({ ok: false, problem: "too-long" });
    expect(parseReportRange({ from: "2025-01-01", to: "2026-01-01" }).ok).toBe(true);
  });
});

describe("reports on a seeded dataset", () => {
  it("counts outcomes per day, within the range only", async () => {
    expect(await getDailyOutcomes(officer, range)).toEqual([
      { day: "2026-03-01", delivered: 2, escrowed: 2, bounced: 1, dropped: 0, total: 5 },
      { day: "2026-03-02", delivered: 0, escrowed: 3, bounced: 0, dropped: 1, total: 4 },
      { day: "2026-03-03", delivered: 2, escrowed: 2, bounced: 0, dropped: 0, total: 4 },
    ]);
  });

  it("counts outcomes per recipient domain, busiest first", async () => {
    expect(await getDomainOutcomes(admin, range)).toEqual([
      { domain: "a.example", delivered: 3, escrowed: 0, bounced: 0, dropped: 1, total: 4 },
      { domain: "b.example", delivered: 0, escrowed: 3, bounced: 0, dropped: 0, total: 3 },
      { domain: "c.example", delivered: 0, escrowed: 1, bounced: 1, dropped: 0, total: 2 },
      { domain: "e.example", delivered: 0, escrowed: 2, bounced: 0, dropped: 0, total: 2 },
      { domain: "=cmd|calc", delivered: 1, escrowed: 0, bounced: 0, dropped: 0, total: 1 },
      { domain: "d.example", delivered: 0, escrowed: 1, bounced: 0, dropped: 0, total: 1 },
    ]);
  });

  it("lists domains escrowed for a TLS failure, with the most frequent class and the last time seen", async () => {
    expect(await getTlsGaps(officer, range)).toEqual([
      { domain: "b.example", escrowed: 3, topFailureClass: "starttls-not-supported", lastSeen: new Date("2026-03-02T13:00:00Z") },
      // A tie between two classes goes to the one seen last.
      { domain: "e.example", escrowed: 2, topFailureClass: "tls-version-too-old", lastSeen: new Date("2026-03-03T18:00:00Z") },
      { domain: "d.example", escrowed: 1, topFailureClass: "certificate-untrusted", lastSeen: new Date("2026-03-03T16:00:00Z") },
    ]);
  });

  it("reports the share of escrowed recipients who opened and the median time from notification to opening", async () => {
    // Escrowed in range: b ×3, c, d, e ×2 = 7; opened after 10, 60, 30 and 120 minutes: median (30 + 60) / 2.
    expect(await getOpenStats(officer, range)).toEqual({ escrowed: 7, opened: 4, openedShare: 4 / 7, medianMsToOpen: 45 * MIN });
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
  });

  it("exports each report as RFC 4180 CSV with formulas neutralised, audited before it is returned", async () => {
    const daily = await exportReportCsv(officer, "daily", range, { sourceIp: "192.0.2.44" });
    expect(daily.filename).toBe("sealpost-report-daily-2026-03-01-to-2026-03-03.csv");
    expect(daily.csv).toBe(
      "day,delivered_tls,escrowed,bounced,dropped,total\r\n" +
        "2026-03-01,2,2,1,0,5\r\n" +
        "2026-03-02,0,3,0,1,4\r\n" +
        "2026-03-03,2,2,0,0,4\r\n",
    );
    const domains = await exportReportCsv(admin, "domains", range);
    expect(domains.csv.split("\r\n")).toEqual([
      "domain,delivered_tls,escrowed,bounced,dropped,total",
      "a.example,3,0,0,1,4",
      "b.example,0,3,0,0,3",
      "c.example,0,1,1,0,2",
      "e.example,0,2,0,0,2",
      "'=cmd|calc,1,0,0,0,1",
      "d.example,0,1,0,0,1",
      "",
    ]);
    const gaps = await exportReportCsv(officer, "tls-gaps", range, { locale: "en" });
    expect(gaps.csv.split("\r\n")).toEqual([
      "domain,escrowed_for_tls,most_frequent_failure_class,failure_description,last_seen",
      "b.example,3,starttls-not-supported,The mail server does not offer encryption (no STARTTLS).,2026-03-02T13:00:00.000Z",
      "e.example,2,tls-version-too-old,The mail server only supports outdated TLS versions (older than 1.2).,2026-03-03T18:00:00.000Z",
      "d.example,1,certificate-untrusted,The mail server's certificate is not signed by a trusted authority.,2026-03-03T16:00:00.000Z",
      "",
    ]);

    const events = await db.auditEvent.findMany({ where: { type: "report.exported" }, orderBy: { seq: "asc" } });
    expect(events.map((event) => [event.actorId, JSON.parse(event.data)])).toEqual([
      [officer.id, { report: "daily", from: "2026-03-01", to: "2026-03-03" }],
      [admin.id, { report: "domains", from: "2026-03-01", to: "2026-03-03" }],
      [officer.id, { report: "tls-gaps", from: "2026-03-01", to: "2026-03-03" }],
    ]);
    expect(events[0]).toMatchObject({ sourceIp: "192.0.2.44", outcome: "success" });
  });

  it("refuses senders and recipients", async () => {
    for (const role of ["sender", "recipient"] as const) {
      const actor = await createUser(`${role}@roles.test`, role);
      await expect(getDailyOutcomes(actor, range)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(getDomainOutcomes(actor, range)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(getTlsGaps(actor, range)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(getOpenStats(actor, range)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(exportReportCsv(actor, "daily", range)).rejects.toBeInstanceOf(AccessDeniedError);
    }
    expect(await db.auditEvent.count({ where: { type: "report.exported", actorId: { notIn: [officer.id, admin.id] } } })).toBe(0);
  });
});
