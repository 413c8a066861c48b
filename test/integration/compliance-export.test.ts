import { beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { auditCsvHeader, escapeCsvCell } from "@/lib/compliance/format-audit-csv";
import { streamAuditExport } from "@/lib/compliance/stream-audit-export";
import { getDb } from "@/lib/db";
import { verifyAuditBundle } from "@/lib/audit/verify-audit-bundle";
import { getAuditSigningKey } from "@/lib/audit/audit-signing-key";

// Exports against this file's own SQLite copy: CSV per RFC 4180 with formula injection neutralised, JSON
// Lines, both streamed in batches, and the `audit.exported` event written before the first byte.

let officer: Actor;
let sender: Actor;

const HOSTILE_AGENT = '=HYPERLINK("https://evil.example","click"), "quoted"\r\nsecond line';

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  expect(field).toBe("");
  expect(record).toEqual([]);
  return records;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

async function createUser(email: string, role: Actor["role"]): Promise<Actor> {
  const user = await getDb().user.create({ data: { email, name: email.split("@")[0] ?? "user", role } });
  return { id: user.id, email: user.email, name: user.name, role };
}

beforeAll(async () => {
  officer = await createUser("cora@compliance.example", "compliance");
  sender = await createUser("sally@sender.example", "sender");
  // Values outsiders choose: a browser's user agent, the reason text of a refusal.
  await getDb().$transaction(async (tx) => {
    await recordAuditEvent(tx, { type: "message.opened", actorType: "user", actorId: sender.id, sourceIp: "192.0.2.5", messageId: "msg-1", recipientId: "rcpt-1", outcome: "success", data: { userAgent: HOSTILE_AGENT } });
    for (const start of ["+SUM(A1:A9)", "-2+3", "@cmd", "\tTAB", "plain, with comma"]) {
      await recordAuditEvent(tx, { type: "access.denied", actorType: "user", actorId: sender.id, outcome: "denied", data: { resource: start, reason: "role" } });
    }
  });
  // More than two batches of one type, so the export crosses batch boundaries.
  await getDb().$transaction(async (tx) => {
    for (let i = 0; i < 2_100; i++) {
      await recordAuditEvent(tx, { type: "link.fetched", actorType: "system", sourceIp: "198.51.100.7", outcome: "success", data: { state: "valid", accessTokenId: null, userAgent: `Scanner/${i}` } });
    }
  });
});

describe("CSV cells", () => {
  it("quotes per RFC 4180 and neutralises formulas", () => {
    expect(escapeCsvCell("plain")).toBe("plain");
    expect(escapeCsvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(escapeCsvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(escapeCsvCell("line\nfeed")).toBe('"line\nfeed"');
    for (const start of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(escapeCsvCell(start).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(escapeCsvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(escapeCsvCell("a=b")).toBe("a=b");
    expect(escapeCsvCell(null)).toBe("");
    expect(escapeCsvCell(42)).toBe("42");
    expect(auditCsvHeader()).toBe("seq,at,type,actor_type,actor_id,actor_email,source_ip,message_id,recipient_id,outcome,data\r\n");
  });
});

describe("audit export", () => {
  it("is for admin and compliance only", async () => {
    await expect(streamAuditExport(sender, {}, "csv")).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("records the export, with its format and filter, before the first byte is read", async () => {
    const exported = await streamAuditExport(officer, { type: "access.denied", outcome: "denied" }, "csv", { sourceIp: "192.0.2.9" });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { type: "audit.exported" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ actorId: officer.id, sourceIp: "192.0.2.9", outcome: "success" });
    expect(JSON.parse(event.data)).toEqual({ format: "csv", filter: { type: "access.denied", outcome: "denied" } });
    await exported.body.cancel();
  });

  it("writes CSV that a spreadsheet cannot run: every row matches the log, hostile cells start with an apostrophe", async () => {
    const text = await readAll((await streamAuditExport(officer, { actor: sender.id }, "csv")).body);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(["seq", "at", "type", "actor_type", "actor_id", "actor_email", "source_ip", "message_id", "recipient_id", "outcome", "data"]);
    const expected = await getDb().auditEvent.findMany({ where: { actorId: sender.id }, orderBy: { seq: "asc" } });
    expect(rows.map((row) => Number(row[0]))).toEqual(expected.map((event) => event.seq));
    const opened = rows.find((row) => row[2] === "message.opened")!;
    expect(opened.slice(3, 10)).toEqual(["user", sender.id, "sally@sender.example", "192.0.2.5", "msg-1", "rcpt-1", "success"]);
    expect(opened[1]).toBe(expected[0]!.at.toISOString());
    // The data cell is JSON (it starts with "{"), so the user agent inside it can never start a cell.
    expect(JSON.parse(opened[10]!)).toEqual({ userAgent: HOSTILE_AGENT });
    const resources = rows.filter((row) => row[2] === "access.denied").map((row) => JSON.parse(row[10]!).resource as string);
    expect(resources).toEqual(["+SUM(A1:A9)", "-2+3", "@cmd", "\tTAB", "plain, with comma"]);
    // Every cell that starts like a formula carries the apostrophe.
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it("neutralises hostile values in the plain columns too", async () => {
    await getDb().$transaction((tx) =>
      recordAuditEvent(tx, { type: "user.sign_in_failed", actorType: "system", actorId: "=cmd|' /C calc'!A0", sourceIp: "@10.0.0.1", outcome: "failure", data: { reason: "unknown-user" } }),
    );
    const text = await readAll((await streamAuditExport(officer, { type: "user.sign_in_failed" }, "csv")).body);
    const row = parseCsv(text).at(-1)!;
    expect(row[4]).toBe("'=cmd|' /C calc'!A0");
    expect(row[6]).toBe("'@10.0.0.1");
  });

  it("streams large results batch by batch, in seq order, without losing a row at the batch edges", async () => {
    const csv = parseCsv(await readAll((await streamAuditExport(officer, { type: "link.fetched" }, "csv")).body)).slice(1);
    const expected = await getDb().auditEvent.findMany({ where: { type: "link.fetched" }, orderBy: { seq: "asc" }, select: { seq: true } });
    expect(csv).toHaveLength(2_100);
    expect(csv.map((row) => Number(row[0]))).toEqual(expected.map((event) => event.seq));
    expect(csv.map((row) => JSON.parse(row[10]!).userAgent)).toEqual(Array.from({ length: 2_100 }, (_, i) => `Scanner/${i}`));
  });

  it("writes JSON Lines: one JSON object per line, control characters escaped", async () => {
    const text = await readAll((await streamAuditExport(officer, { actor: sender.id }, "jsonl")).body);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.trimEnd().split("\n");
    const expected = await getDb().auditEvent.findMany({ where: { actorId: sender.id }, orderBy: { seq: "asc" } });
    expect(lines).toHaveLength(expected.length);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toEqual({
      seq: expected[0]!.seq,
      at: expected[0]!.at.toISOString(),
      type: "message.opened",
      actorType: "user",
      actorId: sender.id,
      actorEmail: "sally@sender.example",
      sourceIp: "192.0.2.5",
      messageId: "msg-1",
      recipientId: "rcpt-1",
      outcome: "success",
      data: { userAgent: HOSTILE_AGENT },
    });
  });

  it("exports nothing but the header for a filter that matches nothing, and still records the export", async () => {
    const before = await getDb().auditEvent.count({ where: { type: "audit.exported" } });
    const text = await readAll((await streamAuditExport(officer, { sender: "nobody@nowhere.example" }, "csv")).body);
    expect(text).toBe(auditCsvHeader());
    expect(await getDb().auditEvent.count({ where: { type: "audit.exported" } })).toBe(before + 1);
  });

  it("serves the signed bundle for the filter's time range only, one unbroken stretch a third party can verify", async () => {
    const opened = await getDb().auditEvent.findFirstOrThrow({ where: { type: "message.opened" } });
    const lastFetch = await getDb().auditEvent.findFirstOrThrow({ where: { type: "link.fetched" }, orderBy: { seq: "desc" } });
    const from = new Date(Math.floor(opened.at.getTime() / 60_000) * 60_000);
    // The type filter does not apply to a bundle: it must hold every event of the range.
    const exported = await streamAuditExport(officer, { from, type: "access.denied" }, "bundle");
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { type: "audit.exported" }, orderBy: { seq: "desc" } });
    const firstSeq = (await getDb().auditEvent.findFirstOrThrow({ where: { at: { gte: from } }, orderBy: { seq: "asc" } })).seq;
    expect(JSON.parse(event.data)).toEqual({ format: "bundle", filter: { from: from.toISOString(), fromSeq: firstSeq } });
    const text = await readAll(exported.body);
    const report = verifyAuditBundle(text, getAuditSigningKey().publicKeyPem);
    expect(report).toMatchObject({ ok: true, fromSeq: firstSeq, trustedKey: true });
    if (!report.ok) throw new Error("bundle did not verify");
    // The export is recorded before the bundle is read, so the bundle ends with its own audit.exported event.
    expect(report.toSeq).toBe(event.seq);
    expect(report.count).toBe(event.seq - firstSeq + 1);
    expect(report.toSeq).toBeGreaterThan(lastFetch.seq);
    const types = new Set(text.split("\n").slice(1, -2).map((line) => (JSON.parse(line) as { type: string }).type));
    expect(types.has("link.fetched") && types.has("access.denied")).toBe(true);
  });

  it("serves an empty, still signed bundle for a time range without events", async () => {
    const text = await readAll((await streamAuditExport(officer, { from: new Date("2020-01-01T00:00:00Z"), to: new Date("2020-01-02T00:00:00Z") }, "bundle")).body);
    expect(verifyAuditBundle(text, getAuditSigningKey().publicKeyPem)).toMatchObject({ ok: true, count: 0 });
  });
});
