import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { createApiToken } from "@/lib/auth/api-tokens";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { auditFilterQuery, parseAuditFilter, type AuditFilter } from "@/lib/compliance/audit-filter";
import type { AuditWhere } from "@/lib/compliance/resolve-audit-filter";
import { searchAuditEvents } from "@/lib/compliance/search-audit-events";
import { getDb } from "@/lib/db";
import { escrowRecipient } from "@/lib/escrow/escrow-recipient";
import { acceptMessage } from "@/lib/intake/accept-message";

// The audit search against this file's own SQLite copy: real messages from acceptMessage (which write the
// intake events), events stamped at chosen times (only Date is faked), and every filter of /compliance.

const T0 = new Date("2026-03-01T09:00:00.000Z");
const T1 = new Date("2026-03-02T09:00:00.000Z");
const T2 = new Date("2026-03-03T09:00:00.000Z");

let officer: Actor;
let sally: Actor;
let olga: Actor;
let sallyTokenId: string;
let msgA: string;
let msgB: string;
let msgC: string;
let tomId: string;

async function createUser(email: string, role: Actor["role"]): Promise<Actor> {
  const user = await getDb().user.create({ data: { email, name: email.split("@")[0] ?? "user", role } });
  return { id: user.id, email: user.email, name: user.name, role };
}

function raw(from: string, to: string[]): Buffer {
  return Buffer.from(`From: ${from}\r\nTo: ${to.join(", ")}\r\nSubject: Quarterly\r\n\r\nBody\r\n`);
}

async function record(type: "access.denied" | "user.sign_in_failed", outcome: "denied" | "failure", actorId: string | null) {
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      type,
      actorType: actorId ? "user" : "system",
      actorId,
      outcome,
      data: type === "access.denied" ? { resource: "/compliance", reason: "role" } : { reason: "wrong-password" },
    }),
  );
}

/** Every seq a filter matches, walking the pages newest first the way the page's "Older events" link does. */
async function walk(filter: AuditFilter, size: number): Promise<number[]> {
  const seqs: number[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await searchAuditEvents(officer, filter, { before, size });
    seqs.push(...page.events.map((event) => event.seq));
    if (page.olderBefore === null) return seqs;
    before = page.olderBefore;
  }
}

async function allSeqs(where: AuditWhere = {}) {
  const rows = await getDb().auditEvent.findMany({ where, orderBy: { seq: "desc" }, select: { seq: true } });
  return rows.map((row) => row.seq);
}

beforeAll(async () => {
  officer = await createUser("cora@compliance.example", "compliance");
  sally = await createUser("sally@sender.example", "sender");
  olga = await createUser("olga@sender.example", "sender");
  // Time only moves forward in the chain (events are stamped while the head is held): start at T0.
  vi.useFakeTimers({ toFake: ["Date"], now: T0 });
  sallyTokenId = (await createApiToken(sally.id, "CRM")).id;
  msgA = (
    await acceptMessage({
      source: "api", raw: raw("sally@sender.example", ["rita@plain.example", "Tom@Tls.example"]), envelopeFrom: "sally@sender.example",
      recipients: ["rita@plain.example", "Tom@Tls.example"], senderUserId: sally.id, actor: { type: "user", id: sally.id }, clientIp: "192.0.2.10",
    })
  ).messageId;
  const recipients = await getDb().recipient.findMany({ where: { messageId: msgA } });
  tomId = recipients.find((r) => r.address === "Tom@tls.example")!.id;
  await getDb().$transaction((tx) => escrowRecipient(tx, { recipientId: tomId, messageId: msgA, failureClass: "starttls-not-supported", reason: "no STARTTLS" }));
  vi.setSystemTime(T1);
  msgB = (
    await acceptMessage({
      source: "api", raw: raw("olga@sender.example", ["rita@plain.example"]), envelopeFrom: "olga@sender.example",
      recipients: ["rita@plain.example"], senderUserId: olga.id, actor: { type: "api-token", id: sallyTokenId },
    })
  ).messageId;
  await record("access.denied", "denied", olga.id);
  vi.setSystemTime(T2);
  // Relayed without authentication: no sender account, only the From address.
  msgC = (
    await acceptMessage({ source: "smtp", raw: raw("relay@app.example", ["x@y.example"]), envelopeFrom: "relay@app.example", recipients: ["x@y.example"], actor: { type: "smtp-client" } })
  ).messageId;
  await record("user.sign_in_failed", "failure", null);
  vi.useRealTimers();
});

afterEach(() => vi.useRealTimers());

describe("audit search", () => {
  it("is for admin and compliance only", async () => {
    await expect(searchAuditEvents(sally, {})).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(searchAuditEvents({ ...sally, role: "recipient" }, {})).rejects.toBeInstanceOf(AccessDeniedError);
    const admin = await createUser("ada@admin.example", "admin");
    expect((await searchAuditEvents(admin, {})).events.length).toBeGreaterThan(0);
  });

  it("lists every event newest first, 50 a page, and the cursor walks them all without gaps or repeats", async () => {
    const everything = await allSeqs();
    const first = await searchAuditEvents(officer, {});
    expect(first.events.map((event) => event.seq)).toEqual(everything.slice(0, 50));
    expect(await walk({}, 3)).toEqual(everything);
    const row = first.events.find((event) => event.type === "access.denied")!;
    expect(row.actorEmail).toBe("olga@sender.example");
    expect(row.data).toEqual({ resource: "/compliance", reason: "role" });
  });

  it("keeps the next page where it was while new events arrive at the head", async () => {
    const page1 = await searchAuditEvents(officer, {}, { size: 4 });
    const before = await allSeqs();
    for (let i = 0; i < 3; i++) await record("access.denied", "denied", officer.id);
    const page2 = await searchAuditEvents(officer, {}, { size: 4, before: page1.olderBefore! });
    // Page 2 continues exactly after page 1 as it was first shown; the new events only appear on the newest page.
    expect(page2.events.map((event) => event.seq)).toEqual(before.slice(4, 8));
    const newest = await searchAuditEvents(officer, {}, { size: 4 });
    expect(newest.events[0]!.seq).toBeGreaterThan(page1.events[0]!.seq);
    expect(newest.events.slice(0, 3).every((event) => event.actorId === officer.id)).toBe(true);
  });

  it("filters by event type, outcome and message id, alone and together", async () => {
    expect(await walk({ type: "message.accepted" }, 2)).toEqual(await allSeqs({ type: "message.accepted" }));
    expect(await walk({ outcome: "denied" }, 2)).toEqual(await allSeqs({ outcome: "denied" }));
    const ofA = await walk({ messageId: msgA }, 50);
    expect(ofA).toEqual(await allSeqs({ messageId: msgA }));
    expect(ofA.length).toBeGreaterThanOrEqual(2);
    const escrowOfA = await searchAuditEvents(officer, { messageId: msgA, type: "recipient.escrowed" });
    expect(escrowOfA.events.map((event) => event.recipientId)).toEqual([tomId]);
    expect((await searchAuditEvents(officer, { messageId: msgC, type: "recipient.escrowed" })).events).toEqual([]);
  });

  it("filters by actor: an email finds the user and their API tokens, anything else is an actor id", async () => {
    const bySally = await searchAuditEvents(officer, { actor: "Sally@Sender.example" });
    expect(bySally.events.map((event) => event.type).sort()).toEqual(["api_token.created", "message.accepted", "message.accepted"]);
    expect(bySally.events.flatMap((event) => (event.messageId ? [event.messageId] : [])).sort()).toEqual([msgA, msgB].sort());
    expect(new Set(bySally.events.map((event) => event.actorId))).toEqual(new Set([sally.id, sallyTokenId]));
    expect((await searchAuditEvents(officer, { actor: sallyTokenId })).events.map((event) => event.messageId)).toEqual([msgB]);
    expect((await searchAuditEvents(officer, { actor: "nobody@nowhere.example" })).events).toEqual([]);
  });

  it("filters by sender address: the sender account's messages, or the From address of relayed mail", async () => {
    const bySally = await walk({ sender: "SALLY@sender.example" }, 50);
    expect(bySally).toEqual(await allSeqs({ messageId: msgA }));
    const byRelay = await walk({ sender: "relay@app.example" }, 50);
    expect(byRelay).toEqual(await allSeqs({ messageId: msgC }));
    expect((await searchAuditEvents(officer, { sender: "unknown@sender.example" })).events).toEqual([]);
  });

  it("filters by recipient address, whatever its spelling", async () => {
    for (const spelling of ["Tom@tls.example", "Tom@TLS.example", "tom@tls.example", "TOM@TLS.EXAMPLE"]) {
      const byTom = await searchAuditEvents(officer, { recipient: spelling });
      expect(byTom.events.length).toBeGreaterThan(0);
      expect(byTom.events.every((event) => event.recipientId === tomId)).toBe(true);
    }
    const rita = await getDb().recipient.findMany({ where: { address: "rita@plain.example" }, select: { id: true } });
    expect(await walk({ recipient: "rita@plain.example" }, 50)).toEqual(await allSeqs({ recipientId: { in: rita.map((r) => r.id) } }));
    expect((await searchAuditEvents(officer, { recipient: "tom@tls.example", sender: "olga@sender.example" })).events).toEqual([]);
  });

  it("turns a time range into a seq range: from the first event at or after `from` to the last at or before `to`", async () => {
    const day2 = await walk({ from: T1, to: new Date(T1.getTime() + 60_000) }, 50);
    expect(day2).toEqual(await allSeqs({ at: { gte: T1, lte: new Date(T1.getTime() + 60_000) } }));
    expect(day2.length).toBeGreaterThanOrEqual(2);
    expect(await walk({ from: T2 }, 50)).toEqual(await allSeqs({ at: { gte: T2 } }));
    expect(await walk({ to: T0 }, 50)).toEqual(await allSeqs({ at: { lte: T0 } }));
    // Nothing between the days, nothing before the first event; a combined filter stays inside the range.
    expect((await searchAuditEvents(officer, { from: new Date(T0.getTime() + 60_000), to: new Date(T1.getTime() - 60_000) })).events).toEqual([]);
    expect((await searchAuditEvents(officer, { to: new Date("2020-01-01T00:00:00Z") })).events).toEqual([]);
    const acceptedDay1 = await searchAuditEvents(officer, { type: "message.accepted", to: T0 });
    expect(acceptedDay1.events.map((event) => event.messageId)).toEqual([msgA]);
  });

  it("reads filters from the query string, drops what it cannot use and writes them back the same way", () => {
    const filter = parseAuditFilter({
      from: "2026-03-01T09:00", to: "2026-03-02T10:30", actor: "  cora@compliance.example ", sender: "", type: "not.a_type", outcome: "denied",
      messageId: "bad id!", recipient: ["tom@tls.example", "other@x.example"],
    });
    expect(filter).toEqual({
      from: new Date("2026-03-01T09:00:00.000Z"),
      // "To" takes in the whole minute it names.
      to: new Date("2026-03-02T10:30:59.999Z"),
      actor: "cora@compliance.example",
      outcome: "denied",
      recipient: "tom@tls.example",
    });
    expect(auditFilterQuery(filter).toString()).toBe("from=2026-03-01T09%3A00&to=2026-03-02T10%3A30&actor=cora%40compliance.example&recipient=tom%40tls.example&outcome=denied");
    expect(parseAuditFilter(Object.fromEntries(auditFilterQuery(filter)))).toEqual(filter);
  });
});
