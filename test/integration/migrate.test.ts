import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { startPostgres, type PostgresServer } from "@/test/support/postgres-server";

const root = fileURLToPath(new URL("../..", import.meta.url));
const EMPTY_MIGRATION = "-- This is an empty migration.";

type RunResult = { code: number; stdout: string; stderr: string };

/** Runs the migrate script as its own process (it ends with process.exit), with only the given overrides. */
function migrate(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["scripts/db-migrate.mjs", ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function migrationNames(provider: "sqlite" | "postgresql"): string[] {
  const dir = path.join(root, "prisma", provider, "migrations");
  return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

function modelNames(): string[] {
  const models = readFileSync(path.join(root, "prisma/models.prisma"), "utf8");
  return [...models.matchAll(/^model (\w+) \{/gm)].map((match) => match[1] ?? "").sort();
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "sealpost-migrate-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("db-migrate on SQLite", () => {
  it("deploys every migration onto a fresh file once, in WAL mode, creating every model's table", async () => {
    const file = path.join(tempDir(), "nested", "fresh.db");
    const env = { DATABASE_URL: `file:${file}` };

    const first = await migrate(["deploy"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(`Applied ${migrationNames("sqlite").length} migration(s): ${migrationNames("sqlite").join(", ")}`);

    const db = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
    try {
      const tables = await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
      expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining([...modelNames(), "_prisma_migrations"]));
      expect(await db.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
      const applied = await db.$queryRawUnsafe("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL");
      expect(applied).toHaveLength(migrationNames("sqlite").length);
    } finally {
      await db.$disconnect();
    }

    const second = await migrate(["deploy"], env);
    expect(second).toMatchObject({ code: 0, stdout: "No pending migrations.\n" });

    const status = await migrate(["status"], env);
    expect(status.code).toBe(0);
  });

  it("reports pending migrations through status with exit code 1", async () => {
    const status = await migrate(["status"], { DATABASE_URL: `file:${path.join(tempDir(), "empty.db")}` });
    expect(status.code).toBe(1);
    expect(status.stdout).toContain("Pending (run deploy)");
  });

  // Fails when someone edits prisma/models.prisma without running `create` (see the lead's regeneration snippet).
  it("has migrations in sync with prisma/models.prisma", async () => {
    const result = await migrate(["diff"], { DATABASE_URL: `file:${path.join(tempDir(), "diff.db")}` });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(EMPTY_MIGRATION);
  });

  // A column type change makes SQLite redefine the table (a multi-statement script); the second `create`
  // replays that script on the shadow database, which better-sqlite3 only accepts through the script fallback.
  // A probe model of its own keeps this test independent of the project's models.
  it("creates migrations for model changes, including table redefinitions replayed on the shadow database", async () => {
    const dir = tempDir();
    const schemaDir = path.join(dir, "schema");
    mkdirSync(schemaDir);
    cpSync(path.join(root, "prisma/sqlite/schema.prisma"), path.join(schemaDir, "schema.prisma"));
    cpSync(path.join(root, "prisma/sqlite/migrations"), path.join(schemaDir, "migrations"), { recursive: true });
    // A latest migration dated in the future: new migrations must still sort (and so replay) after it.
    const latest = readdirSync(path.join(schemaDir, "migrations")).filter((name) => /^\d{14}_/.test(name)).sort().at(-1) ?? "";
    renameSync(path.join(schemaDir, "migrations", latest), path.join(schemaDir, "migrations", `20991231235959${latest.slice(14)}`));
    const writeProbe = (sizeType: string, countType: string) =>
      writeFileSync(path.join(schemaDir, "probe.prisma"), `model MigrateProbe {\n  id String @id\n  size ${sizeType}\n  count ${countType}\n}\n`);
    cpSync(path.join(root, "prisma/models.prisma"), path.join(schemaDir, "models.prisma"));
    const env = { DATABASE_URL: `file:${path.join(dir, "dev.db")}`, PRISMA_SCHEMA: schemaDir };

    writeProbe("Int", "Int");
    expect((await migrate(["diff"], env)).stdout).toContain('CREATE TABLE "MigrateProbe"');
    expect((await migrate(["create", "add_probe"], env)).stdout).toMatch(/^Created .*_add_probe\/migration\.sql$/m);
    writeProbe("BigInt", "Int");
    const first = await migrate(["create", "widen_size"], env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/^Created .*_widen_size\/migration\.sql$/m);
    writeProbe("BigInt", "BigInt");
    const second = await migrate(["create", "widen_count"], env);
    expect(second.stderr).toBe("");
    expect(second.stdout).toMatch(/^Created .*_widen_count\/migration\.sql$/m);

    const created = readdirSync(path.join(schemaDir, "migrations")).filter((name) => name.includes("_widen_")).sort();
    expect(created).toEqual(["21000101000001_widen_size", "21000101000002_widen_count"]);
    const sql = readFileSync(path.join(schemaDir, "migrations", created[0] ?? "", "migration.sql"), "utf8");
    expect(sql).toContain("-- RedefineTables");

    expect((await migrate(["deploy"], env)).stdout).toContain("Applied 1 migration(s)");
    expect((await migrate(["diff"], env)).stdout.trim()).toBe(EMPTY_MIGRATION);
  });
});

// Started at load so initdb overlaps the SQLite tests; the PostgreSQL block awaits it (and sees its error).
const postgresStarting = startPostgres();
postgresStarting.catch(() => {});

describe("db-migrate on PostgreSQL", () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await postgresStarting;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("deploys, reports a clean status and an empty diff, and leaves no shadow database behind", async () => {
    const env = { DATABASE_URL: server.url };
    const deployed = await migrate(["deploy"], env);
    expect(deployed.stderr).toBe("");
    expect(deployed.stdout.trim()).toBe(`Applied ${migrationNames("postgresql").length} migration(s): ${migrationNames("postgresql").join(", ")}`);
    expect((await migrate(["deploy"], env)).stdout).toBe("No pending migrations.\n");
    expect((await migrate(["status"], env)).code).toBe(0);

    const diff = await migrate(["diff"], env);
    expect(diff.stderr).toBe("");
    expect(diff.stdout.trim()).toBe(EMPTY_MIGRATION);

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const leftovers = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
    await client.end();
    expect(leftovers.rows).toEqual([]);
  });

  it("refuses a SHADOW_DATABASE_URL that names the main database", async () => {
    const result = await migrate(["diff"], { DATABASE_URL: server.url, SHADOW_DATABASE_URL: server.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("SHADOW_DATABASE_URL must not point at the DATABASE_URL database");
  });

  it("round-trips a User and a Message with Bytes through the generated PostgreSQL client", async () => {
    const { PrismaClient } = await import("@/generated/postgresql/client");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url }) });
    try {
      const user = await db.user.create({ data: { email: "sender@example.test", name: "Sender", role: "sender" } });
      const wrappedDataKey = new Uint8Array([0, 1, 2, 254, 255]);
      const message = await db.message.create({
        data: {
          source: "api",
          senderUserId: user.id,
          envelopeFrom: user.email,
          fromName: user.name,
          fromAddress: user.email,
          sizeBytes: 42,
          wrappedDataKey,
          dataKeyId: "k1-test",
          parts: { create: { part: "mime", sealed: new Uint8Array([9, 8, 7]) } },
        },
      });
      const loaded = await db.message.findUniqueOrThrow({ where: { id: message.id }, include: { sender: true, parts: true } });
      expect(loaded.sender?.email).toBe("sender@example.test");
      expect(Buffer.from(loaded.wrappedDataKey ?? new Uint8Array())).toEqual(Buffer.from(wrappedDataKey));
      expect(Buffer.from(loaded.parts[0]?.sealed ?? new Uint8Array())).toEqual(Buffer.from([9, 8, 7]));
    } finally {
      await db.$disconnect();
    }
  });
});
