// Audit search speed with a million events: how long one page of /compliance takes for each kind of filter.
// Run on demand: `npx tsx bench/audit-search.ts [--events 1000000] [--runs 7] [--keep]`.
//
// Fills a fresh SQLite file under /tmp (migrated as in production, so the same indexes and append-only
// triggers) with users, messages, recipients and a hash-chained audit log spread over 100 days, written with raw
// INSERTs batched in transactions of 10,000 rows (the triggers refuse UPDATE and DELETE, not INSERT). Then times
// searchAuditEvents, the function behind the page, through the app's own Prisma client: the median of
// several runs after one warm-up, per query. No ANALYZE is run, as on a real installation.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "7" },
    keep: { type: "boolean", default: false },
  },
});
const EVENTS = Number(values.events);
const RUNS = Number(values.runs);
const MESSAGES = Math.ceil(EVENTS / 10);
const USERS = 1_000;
const SENDERS = 200;
const ADDRESSES = Math.ceil(MESSAGES / 2);
const BATCH = 10_000;
const START = Date.parse("2026-01-01T00:00:00.000Z");
const SPAN_MS = 100 * 86_400_000;

const dir = mkdtempSync(path.join(tmpdir(), "sealpost-bench-audit-"));
const dbFile = path.join(dir, "sealpost.db");
Object.assign(process.env, { DATA_DIR: dir, DATABASE_URL: `file:${dbFile}`, MASTER_KEY_FILE: path.join(dir, "keys.json"), SEALPOST_CONFIG: "" });

const { applyMigrations } = await import("@/lib/bootstrap/apply-migrations");
const { GENESIS_HASH, hashAuditEvent } = await import("@/lib/audit/hash-audit-event");
const { canonicalJson } = await import("@/lib/audit/canonical-json");
// Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset.
const sqlTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const timeOfSeq = (seq: number) => START + Math.floor((seq / EVENTS) * SPAN_MS);
const userId = (n: number) => `user${String(n).padStart(6, "0")}`;
const messageId = (n: number) => `msg${String(n).padStart(8, "0")}`;
const recipientId = (n: number) => `rcpt${String(n).padStart(8, "0")}`;
const address = (n: number) => `person${n % ADDRESSES}@d${n % 500}.example`;

type Row = (string | number | null)[];

// better-sqlite3 directly (the package ships no types; the app reaches it only through Prisma's adapter): its
// prepared statements inside one transaction per batch are the fastest way to write a million rows.
type Statement = { run(...values: Row): unknown };
type RawDatabase = { prepare(sql: string): Statement; transaction(fn: () => void): () => void; pragma(sql: string): unknown; close(): void };
const openDatabase = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => RawDatabase;
let raw: RawDatabase;

function insertRows(table: string, columns: string[], rows: Row[]): void {
  const statement = raw.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
  raw.transaction(() => {
    for (const row of rows) statement.run(...row);
  })();
}

// Ten events per message slot: intake, two attempts, outcome, notification, link fetch, open, and three events
// not about a message (a sign-in, a failed sign-in or denial, a setting change) by staff and recipients.
function eventOf(seq: number): [string, string, string | null, string | null, string | null, string, object] {
  const slot = seq % 10;
  const n = Math.floor(seq / 10) % MESSAGES;
  const rcpt = recipientId(n * 2 + (slot % 2));
  const user = userId((seq * 7) % USERS);
  if (slot === 1) return ["message.accepted", "user", userId(n % SENDERS), messageId(n), null, "success", { recipients: 2, sizeBytes: 2048, source: "api", forceEscrow: false }];
  if (slot === 2 || slot === 3) return ["delivery.attempted", "system", "worker", messageId(n), rcpt, "failure", { mxHost: "mx.example", failureClass: "starttls-not-supported", detail: null }];
  if (slot === 4) return ["recipient.escrowed", "system", "worker", messageId(n), rcpt, "success", { failureClass: "starttls-not-supported", reason: "no STARTTLS" }];
  if (slot === 5) return ["notification.sent", "system", "worker", messageId(n), rcpt, "success", { notice: "escrow" }];
  if (slot === 6) return ["link.fetched", "system", null, messageId(n), rcpt, "success", { state: "valid", accessTokenId: null, userAgent: "Scanner/1.0" }];
  if (slot === 7) return ["message.opened", "user", user, messageId(n), rcpt, "success", { userAgent: "Browser/1.0" }];
  if (slot === 8) return ["user.signed_in", "user", user, null, null, "success", { via: "password" }];
  if (slot === 9 && seq % 50 === 9) return ["access.denied", "user", user, null, null, "denied", { resource: "/compliance", reason: "role" }];
  if (slot === 9) return ["user.sign_in_failed", "system", null, null, null, "failure", { reason: "wrong-password" }];
  return ["settings.changed", "user", userId(0), null, null, "success", { key: "subjectTag", before: "a", after: "b" }];
}

function fill(): void {
  raw = new openDatabase(dbFile);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  insertRows(
    "User",
    ["id", "email", "name", "role"],
    Array.from({ length: USERS }, (_, n) => [userId(n), `user${n}@staff.example`, `User ${n}`, n < SENDERS ? "sender" : "recipient"]),
  );
  for (let from = 0; from < MESSAGES; from += BATCH) {
    const messages: Row[] = [];
    const recipients: Row[] = [];
    for (let n = from; n < Math.min(from + BATCH, MESSAGES); n++) {
      const at = sqlTime(timeOfSeq(n * 10 + 1));
      const sender = `user${n % SENDERS}@staff.example`;
      messages.push([messageId(n), "api", userId(n % SENDERS), sender, "Sender", sender, 2048, "k1", at]);
      for (const k of [n * 2, n * 2 + 1]) recipients.push([recipientId(k), messageId(n), address(k), `d${k % 500}.example`, "escrowed", at]);
    }
    insertRows("Message", ["id", "source", "senderUserId", "envelopeFrom", "fromName", "fromAddress", "sizeBytes", "dataKeyId", "createdAt"], messages);
    insertRows("Recipient", ["id", "messageId", "address", "domain", "status", "createdAt"], recipients);
  }
  // A real hash chain (lib/audit/hash-audit-event.ts), so `sealpost audit verify` accepts the file (--keep).
  let prevHash = GENESIS_HASH;
  for (let from = 1; from <= EVENTS; from += BATCH) {
    const events: Row[] = [];
    for (let seq = from; seq < Math.min(from + BATCH, EVENTS + 1); seq++) {
      const [type, actorType, actorId, msg, rid, outcome, data] = eventOf(seq);
      const at = new Date(timeOfSeq(seq));
      const fields = { seq, at, type, actorType, actorId, sourceIp: "192.0.2.1", messageId: msg, recipientId: rid, outcome, data: canonicalJson(data) };
      const hash = hashAuditEvent(prevHash, fields);
      events.push([seq, sqlTime(at.getTime()), type, actorType, actorId, fields.sourceIp, msg, rid, outcome, fields.data, prevHash, hash]);
      prevHash = hash;
    }
    insertRows("AuditEvent", ["seq", "at", "type", "actorType", "actorId", "sourceIp", "messageId", "recipientId", "outcome", "data", "prevHash", "hash"], events);
  }
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.close();
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

console.log(`Filling ${dbFile} with ${EVENTS.toLocaleString("en")} audit events, ${MESSAGES.toLocaleString("en")} messages…`);
await applyMigrations(`file:${dbFile}`, "sqlite");
const filledAt = performance.now();
fill();
console.log(`Filled in ${((performance.now() - filledAt) / 1000).toFixed(1)} s.\n`);

const { searchAuditEvents } = await import("@/lib/compliance/search-audit-events");
const { getDb } = await import("@/lib/db");
const officer = { id: "officer", email: "officer@staff.example", name: "Officer", role: "compliance" as const };
const middle = START + SPAN_MS / 2;
const cases: [string, Parameters<typeof searchAuditEvents>[1], number | undefined][] = [
  ["first page, no filter", {}, undefined],
  ["deep page (before #100,000), no filter", {}, 100_000],
  ["type = message.accepted", { type: "message.accepted" }, undefined],
  ["type = message.accepted, deep page (before #100,000)", { type: "message.accepted" }, 100_000],
  ["type = access.denied (2% of events)", { type: "access.denied" }, undefined],
  ["message id", { messageId: messageId(Math.floor(MESSAGES / 2)) }, undefined],
  ["actor (email → user id)", { actor: "user42@staff.example" }, undefined],
  ["time range (one day in the middle)", { from: new Date(middle), to: new Date(middle + 86_400_000) }, undefined],
  ["time range + type = message.opened", { from: new Date(middle), to: new Date(middle + 86_400_000), type: "message.opened" }, undefined],
  ["sender address (500 newest messages)", { sender: "user7@staff.example" }, undefined],
  ["recipient address", { recipient: address(12_345) }, undefined],
  ["outcome = denied (no index of its own)", { outcome: "denied" }, undefined],
];

/** Median milliseconds of RUNS calls after one warm-up, and the rows the last call returned. */
async function time(run: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  let rows = await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    rows = await run();
    samples.push(performance.now() - started);
  }
  return { ms: median(samples), rows };
}

console.log("query".padEnd(56), "median ms", "  rows");
// What any query costs here (Prisma, the adapter, the machine's load): the floor under every figure below.
const floor = await time(async () => ((await getDb().auditEvent.findUnique({ where: { seq: 1 } })) ? 1 : 0));
console.log("(baseline: one event by seq)".padEnd(56), floor.ms.toFixed(1).padStart(9), String(floor.rows).padStart(6));
for (const [name, filter, before] of cases) {
  const result = await time(async () => (await searchAuditEvents(officer, filter, { before })).events.length);
  console.log(name.padEnd(56), result.ms.toFixed(1).padStart(9), String(result.rows).padStart(6));
}
await getDb().$disconnect();
if (values.keep) console.log(`\nKept ${dbFile}.`);
else rmSync(dir, { recursive: true, force: true });
