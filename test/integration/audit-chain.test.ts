import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { startPostgres, type PostgresServer } from "@/test/support/postgres-server";

const { getDb } = await import("@/lib/db");
const { recordAuditEvent } = await import("@/lib/audit/record-event");
const { verifyAuditChain } = await import("@/lib/audit/verify-chain");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { main } = await import("@/lib/cli/main");

const root = fileURLToPath(new URL("../..", import.meta.url));
const db = getDb();

type RunResult = { code: number; stdout: string; stderr: string };

/** Runs a repository script (or `node` with other arguments) as its own process, as an operator would. */
function run(script: string, args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** `sealpost audit verify` in this process: exit status and everything it printed. */
async function auditVerifyCli(): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => lines.push(String(chunk)) > 0);
  try {
    return { code: await main(["audit", "verify"]), output: lines.join("\n") };
  } finally {
    log.mockRestore();
    stderr.mockRestore();
  }
}

beforeAll(async () => {
  await acceptMessage({
    source: "api",
    raw: Buffer.from("From: alice@example.com\r\nTo: bob@example.net\r\nSubject: Numbers\r\n\r\nSee attached.\r\n"),
    envelopeFrom: "alice@example.com",
    recipients: ["bob@example.net", "carol@example.org"],
    clientIp: "127.0.0.1",
    actor: { type: "api-token", id: null },
  });
  for (const outcome of ["success", "failure", "denied", "success", "success"] as const) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, { type: "user.sign_in_failed", actorType: "system", sourceIp: "192.0.2.7", outcome, data: { reason: outcome, nested: { b: 1, a: [2] } } }),
    );
  }
  // Two events in one transaction: the second must chain onto the first, not onto the committed head.
  await db.$transaction(async (tx) => {
    await recordAuditEvent(tx, { type: "settings.changed", actorType: "user", actorId: "u1", outcome: "success", data: { key: "subjectTag", before: "a", after: "b" } });
    await recordAuditEvent(tx, { type: "keys.rotated", actorType: "system", outcome: "success", data: { newKeyId: "k2", previousKeyId: "k1", keyIds: ["k1", "k2"] } });
  });
});

describe("audit hash chain on SQLite", () => {
  it("chains events recorded through real code paths, and verify walks them in batches", async () => {
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.length).toBeGreaterThanOrEqual(8);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]?.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    expect(events.find((event) => event.type === "message.accepted")).toBeDefined();

    const head = events.at(-1)?.hash;
    expect(await verifyAuditChain({ batchSize: 3 })).toEqual({ ok: true, events: events.length, head });
    expect(await verifyAuditChain()).toEqual({ ok: true, events: events.length, head });
    expect(await auditVerifyCli()).toEqual({ code: 0, output: `Audit chain intact: ${events.length} events, head ${head}` });
  });

  it("refuses UPDATE and DELETE in the database itself", async () => {
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "outcome" = 'success' WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe("tampering by someone with raw database access (triggers dropped)", () => {
  const COLUMNS = ["at", "type", "actorType", "actorId", "sourceIp", "messageId", "recipientId", "outcome", "data", "prevHash", "hash"] as const;
  type Row = Record<(typeof COLUMNS)[number], unknown> & { seq: number };
  // A connection of its own, as an attacker with the database file would have; raw SQL only.
  const raw = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: (process.env.DATABASE_URL ?? "").replace(/^file:/, "") }) });
  const exec = (sql: string, ...values: unknown[]) => raw.$executeRawUnsafe(sql, ...values);
  const readRow = async (seq: number) => {
    const [row] = await raw.$queryRawUnsafe<Row[]>(`SELECT * FROM "AuditEvent" WHERE "seq" = ?`, seq);
    if (!row) throw new Error(`no event #${seq}`);
    return row;
  };
  const writeRow = (seq: number, row: Row) =>
    exec(`UPDATE "AuditEvent" SET ${COLUMNS.map((c) => `"${c}" = ?`).join(", ")} WHERE "seq" = ?`, ...COLUMNS.map((c) => row[c]), seq);

  beforeAll(async () => {
    await exec(`DROP TRIGGER "AuditEvent_no_update"`);
    await exec(`DROP TRIGGER "AuditEvent_no_delete"`);
  });
  afterAll(() => raw.$disconnect());

  it("names a row whose data was changed as altered", async () => {
    const original = await readRow(3);
    await exec(`UPDATE "AuditEvent" SET "data" = '{"reason":"success"}' WHERE "seq" = 3`);
    expect(await verifyAuditChain({ batchSize: 2 })).toMatchObject({ ok: false, seq: 3, problem: "altered" });
    const cli = await auditVerifyCli();
    expect(cli.code).toBe(1);
    expect(cli.output).toContain("Audit chain broken at event #3: altered (");
    await writeRow(3, original);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("names the event after a deleted one as missing", async () => {
    const original = await readRow(4);
    await exec(`DELETE FROM "AuditEvent" WHERE "seq" = 4`);
    expect(await verifyAuditChain({ batchSize: 2 })).toMatchObject({ ok: false, seq: 5, problem: "missing" });
    await exec(`INSERT INTO "AuditEvent" ("seq", ${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (4${", ?".repeat(COLUMNS.length)})`, ...COLUMNS.map((c) => original[c]));
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("names the first of two swapped rows as reordered", async () => {
    const second = await readRow(2);
    const fifth = await readRow(5);
    // hash is unique, so park one row's hash while the other takes it.
    const swap = async (a: Row, b: Row) => {
      await writeRow(2, { ...b, hash: "parked" });
      await writeRow(5, a);
      await writeRow(2, b);
    };
    await swap(second, fifth);
    expect(await verifyAuditChain({ batchSize: 2 })).toMatchObject({ ok: false, seq: 2, problem: "reordered" });
    await swap(fifth, second);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("names a row that was edited and re-hashed by the point where its successor no longer links", async () => {
    const { hashAuditEvent } = await import("@/lib/audit/hash-audit-event");
    const original = await readRow(3);
    const edited = await db.auditEvent.findUniqueOrThrow({ where: { seq: 3 } });
    const data = '{"reason":"forged"}';
    await exec(`UPDATE "AuditEvent" SET "data" = ?, "hash" = ? WHERE "seq" = 3`, data, hashAuditEvent(edited.prevHash, { ...edited, data }));
    expect(await verifyAuditChain()).toMatchObject({ ok: false, seq: 4, problem: "broken-link" });
    await writeRow(3, original);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe("audit hash chain on PostgreSQL", () => {
  let server: PostgresServer;
  let client: pg.Client;
  beforeAll(async () => {
    server = await startPostgres();
    const deploy = await run("scripts/db-migrate.mjs", ["deploy"], { DATABASE_URL: server.url });
    expect(deploy.stderr).toBe("");
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it("serialises concurrent writers into one chain that verifies", async () => {
    // 20 transactions at once over the pool's connections: without the advisory lock most of them read the
    // same head and fail on the seq/hash unique keys. A CLI `user create` in another process joins in.
    const writers = `
      import { register } from "tsx/esm/api";
      register({ tsconfig: "tsconfig.json" });
      const { getDb } = await import("@/lib/db");
      const { recordAuditEvent } = await import("@/lib/audit/record-event");
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
        getDb().$transaction((tx) => recordAuditEvent(tx, { type: "keys.rotated", actorType: "system", outcome: "success", data: { newKeyId: "k2", previousKeyId: "k1", keyIds: ["k1", "k2"], i } }))));
      const failed = results.filter((result) => result.status === "rejected");
      if (failed.length > 0) console.error(failed.length, "writers failed:", String(failed[0].reason));
      await getDb().$disconnect();
    `;
    const [concurrent, create] = await Promise.all([
      run("--input-type=module", ["-e", writers], { DATABASE_URL: server.url }),
      run("scripts/sealpost.mjs", ["user", "create", "--email", "ann@example.com", "--name", "Ann", "--role", "sender"], { DATABASE_URL: server.url }),
    ]);
    expect(concurrent).toMatchObject({ code: 0, stderr: "" });
    expect(create).toMatchObject({ code: 0, stderr: "" });
    const { rows } = await client.query<{ seq: number; type: string; hash: string }>(`SELECT "seq", "type", "hash" FROM "AuditEvent" ORDER BY "seq"`);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(rows.filter((row) => row.type === "user.created")).toHaveLength(1);
    const verify = await run("scripts/sealpost.mjs", ["audit", "verify"], { DATABASE_URL: server.url });
    expect(verify).toMatchObject({ code: 0, stdout: `Audit chain intact: 21 events, head ${rows[20]?.hash}\n` });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await expect(client.query(`UPDATE "AuditEvent" SET "outcome" = 'failure' WHERE "seq" = 1`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "AuditEvent" WHERE "seq" = 2`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect((await client.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)).rows).toEqual([{ n: 21 }]);
  });

  it("signs a checkpoint under the chain lock and verifies the chain against it", async () => {
    const checkpoint = await run("scripts/sealpost.mjs", ["audit", "checkpoint"], { DATABASE_URL: server.url });
    expect(checkpoint).toMatchObject({ code: 0, stderr: "" });
    expect(checkpoint.stdout).toContain("Checkpoint of event #21");
    const verify = await run("scripts/sealpost.mjs", ["audit", "verify", "--checkpoints"], { DATABASE_URL: server.url });
    expect(verify).toMatchObject({ code: 0, stderr: "" });
    expect(verify.stdout).toMatch(/^Audit chain intact: 22 events, head [0-9a-f]{64}; 1 signed checkpoint match\n$/);
  });
});
