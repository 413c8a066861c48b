#!/usr/bin/env node
// Sealpost's migration command. Prisma 7's CLI always spawns a native schema-engine that cannot be downloaded
// here, so this script drives @prisma/schema-engine-wasm through a driver adapter instead. It writes the same
// `_prisma_migrations` rows and checksums as `prisma migrate`, so a machine with the native engine can take over.
//
//   node scripts/db-migrate.mjs create <name> [--empty]   new migration from prisma/models.prisma (like migrate dev --create-only)
//   node scripts/db-migrate.mjs deploy                    apply pending migrations (like migrate deploy)
//   node scripts/db-migrate.mjs status                    exit 1 when migrations are pending, failed or edited
//   node scripts/db-migrate.mjs diff                      SQL from the migrations to the schema (empty when in sync)
//
// DATABASE_URL picks the provider (postgres:// or postgresql:// → PostgreSQL, anything else → SQLite file) and
// with it the folder prisma/<provider>. Optional: SHADOW_DATABASE_URL (PostgreSQL, an empty database that is
// wiped on every run), PRISMA_SCHEMA / PRISMA_MIGRATIONS (other schema or migrations folder), DEBUG (engine log).
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";
import pg from "pg";
import { parse as parsePgUrl } from "pg-connection-string";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const filters = { externalTables: [], externalEnums: [] };
const USAGE = "Usage: node scripts/db-migrate.mjs create <name> [--empty] | deploy | status | diff";

/** Provider, database and folders, all derived from DATABASE_URL like prisma.config.ts does. */
function resolveTarget() {
  const url = process.env.DATABASE_URL || "file:./data/sealpost.db";
  const provider = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
  const schemaDir = path.resolve(projectRoot, process.env.PRISMA_SCHEMA || `prisma/${provider}`);
  const migrationsDir = path.resolve(projectRoot, process.env.PRISMA_MIGRATIONS || path.join(schemaDir, "migrations"));
  return { url, provider, schemaDir, migrationsDir };
}

// ---------- driver adapters ----------

/** SQLite file path from a `file:` URL, or null for an in-memory database. */
function sqliteFile(url) {
  const file = url.replace(/^file:/, "");
  return file === ":memory:" || file === "" ? null : file;
}

function createSqliteFactory(url) {
  const file = sqliteFile(url);
  if (file) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const factory = new PrismaBetterSqlite3({ url: file ?? ":memory:" });
  // The engine replays migrations on the shadow database (a fresh in-memory one) with executeRaw, which
  // better-sqlite3 refuses for multi-statement scripts (a table redefinition) and comment-only ones (an
  // `--empty` migration); run those as a script.
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (!(error instanceof RangeError && /more than one statement|contains no statements/.test(error.message))) throw error;
        await shadow.executeScript(query.sql);
        return 0;
      }
    };
    return shadow;
  };
  return factory;
}

/**
 * Discrete pg connection fields. Never hand adapter-pg a `connectionString`: it builds the shadow pool as
 * `{ ...config, database: shadow }`, and pg lets a connectionString override `database`, so the shadow
 * replay would run on the main database.
 */
function pgConfig(url) {
  const fields = Object.entries(parsePgUrl(url)).filter(([, value]) => value !== undefined && value !== null && value !== "");
  const config = Object.fromEntries(fields);
  if (config.port) config.port = Number(config.port);
  return config;
}

// adapter-pg cannot decode PostgreSQL's internal `"char"` type (OID 18), which the schema describer's catalog
// queries return. Its text form is identical to `text` (OID 25), so declare it as such in this process only.
function patchPgCharColumns() {
  const addFields = pg.Result.prototype.addFields;
  pg.Result.prototype.addFields = function addFieldsCharAsText(fields) {
    return addFields.call(this, fields.map((field) => (field.dataTypeID === 18 ? { ...field, dataTypeID: 25 } : field)));
  };
}

/** Runs one statement that cannot run inside a transaction (CREATE/DROP DATABASE) on its own connection. */
async function runOnce(config, sql) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function createPostgresFactory(url, cleanups) {
  patchPgCharColumns();
  const config = pgConfig(url);
  const factory = new PrismaPg(config);
  const shadowUrl = process.env.SHADOW_DATABASE_URL;
  factory.connectToShadowDb = shadowUrl ? () => connectNamedShadow(config, shadowUrl) : () => connectTemporaryShadow(config, cleanups);
  return factory;
}

// SHADOW_DATABASE_URL names a database the engine may wipe; reset it on every call because one command
// can replay the migrations more than once.
async function connectNamedShadow(mainConfig, shadowUrl) {
  const shadowConfig = pgConfig(shadowUrl);
  const same = ["host", "port", "database"].every((key) => String(shadowConfig[key] ?? "") === String(mainConfig[key] ?? ""));
  if (same) throw new Error("SHADOW_DATABASE_URL must not point at the DATABASE_URL database: it is wiped on every run.");
  const shadow = await new PrismaPg(shadowConfig).connect();
  await shadow.executeScript('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public"');
  return shadow;
}

// adapter-pg's own version drops the temporary database before closing its pool, which fails ("being accessed
// by other users") and leaves it behind. Close the pool first, then drop; `cleanups` catches engine aborts.
async function connectTemporaryShadow(mainConfig, cleanups) {
  const database = `prisma_migrate_shadow_db_${randomUUID()}`;
  await runOnce(mainConfig, `CREATE DATABASE "${database}"`);
  const dropDatabase = () => runOnce(mainConfig, `DROP DATABASE IF EXISTS "${database}"`);
  const shadow = await new PrismaPg({ ...mainConfig, database }).connect();
  const dispose = shadow.dispose.bind(shadow);
  let disposed = false;
  shadow.dispose = async () => {
    if (disposed) return;
    disposed = true;
    await dispose();
    await dropDatabase();
  };
  cleanups.push(() => shadow.dispose());
  return shadow;
}

/** Bound adapter factory whose main connections are recorded so they can be closed before exiting. */
function createAdapter(target, cleanups) {
  const factory = target.provider === "postgresql" ? createPostgresFactory(target.url, cleanups) : createSqliteFactory(target.url);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    cleanups.push(() => connection.dispose());
    return connection;
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

// ---------- inputs from disk ----------

/** Every *.prisma file under the schema folder (following symlinks, skipping migrations), sorted by path. */
function readSchemaFiles(schemaPath) {
  if (statSync(schemaPath).isFile()) return [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }];
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stat = statSync(full);
      if (stat.isDirectory() && name !== "migrations") walk(full);
      else if (stat.isFile() && name.endsWith(".prisma")) files.push({ path: full, content: readFileSync(full, "utf8") });
    }
  };
  walk(schemaPath);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

function readFileResult(file) {
  try {
    return { tag: "ok", value: readFileSync(file, "utf8") };
  } catch (error) {
    return { tag: "error", value: error.message };
  }
}

/** The migrations folder in the shape the engine expects: one entry per subfolder, sorted by name. */
function readMigrationsList(migrationsDir) {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const folders = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    migrationDirectories: folders.map((folder) => ({
      path: folder,
      migrationFile: { path: "migration.sql", content: readFileResult(path.join(migrationsDir, folder, "migration.sql")) },
    })),
    shadowDbInitScript: "",
  };
}

// ---------- engine ----------

let panicMessage = null;

/** The package entry imports its .wasm the way only bundlers understand, so instantiate it by hand. */
async function loadSchemaEngine(schemaFiles, adapter) {
  const glueUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(glueUrl);
  const wasmFile = process.env.PRISMA_SCHEMA_ENGINE_WASM || fileURLToPath(new URL("./schema_engine_bg.wasm", glueUrl));
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (panicMessage = message) };
  const log = (line) => process.env.DEBUG && console.error(line);
  return glue.SchemaEngine.new({ datamodels: schemaFiles.map((file) => [file.path, file.content]) }, log, adapter);
}

// ---------- subcommands ----------

/** Paths inside the working directory relative to it, others absolute. */
function displayPath(file) {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

async function deploy({ engine, target }) {
  const { appliedMigrationNames: applied } = await engine.applyMigrations({ migrationsList: readMigrationsList(target.migrationsDir), filters });
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "No pending migrations.");
  return 0;
}

// Same order as `prisma migrate dev --create-only`: apply pending migrations (creating _prisma_migrations), check
// for drift, then diff. devDiagnostic also fills the engine's shadow schema cache, which createMigration needs
// because the WASM engine gives createMigration no way to open a shadow database itself.
async function create({ engine, target, args }) {
  const name = args.find((arg) => !arg.startsWith("--"));
  if (!name) throw new Error(`A migration name is required. ${USAGE}`);
  await engine.applyMigrations({ migrationsList: readMigrationsList(target.migrationsDir), filters });
  const migrationsList = readMigrationsList(target.migrationsDir);
  const { action } = await engine.devDiagnostic({ migrationsList, filters });
  if (action.tag === "reset") {
    throw new Error(`Database needs a reset (drift): ${action.reason}\nRecreate the development database, then run create again.`);
  }
  const result = await engine.createMigration({
    draft: args.includes("--empty"),
    migrationName: name,
    migrationsList,
    schema: { files: readSchemaFiles(target.schemaDir) },
    filters,
  });
  if (result.migrationScript === null) {
    console.log("Already in sync: no migration created.");
    return 0;
  }
  const folder = path.join(target.migrationsDir, orderedMigrationName(result.generatedMigrationName, migrationsList));
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `migration.${result.extension}`), result.migrationScript);
  writeFileSync(
    path.join(target.migrationsDir, "migration_lock.toml"),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${result.connectorType}"\n`,
  );
  console.log(`Created ${displayPath(path.join(folder, `migration.${result.extension}`))}`);
  return 0;
}

// The engine names migrations by the second; two created within one second would sort by name instead of by
// creation, and replay in the wrong order. Move the new one just past the latest existing migration.
function orderedMigrationName(generated, migrationsList) {
  const match = /^(\d{14})_(.*)$/.exec(generated);
  const latest = migrationsList.migrationDirectories.map((folder) => folder.path).sort().at(-1)?.slice(0, 14);
  if (!match || !latest || !/^\d{14}$/.test(latest) || match[1] > latest) return generated;
  const next = new Date(
    Date.UTC(+latest.slice(0, 4), +latest.slice(4, 6) - 1, +latest.slice(6, 8), +latest.slice(8, 10), +latest.slice(10, 12), +latest.slice(12, 14) + 1),
  );
  return `${next.toISOString().replace(/\D/g, "").slice(0, 14)}_${match[2]}`;
}

// The WASM engine fails (P1014) instead of answering `hasMigrationsTable: false` on a database that was never
// migrated; that database simply has every migration pending.
async function diagnoseHistory(engine, migrationsList) {
  try {
    return await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters });
  } catch (error) {
    if (!/table for model `_prisma_migrations` does not exist/.test(error?.message ?? "")) throw error;
    const unappliedMigrationNames = migrationsList.migrationDirectories.map((folder) => folder.path);
    return {
      failedMigrationNames: [],
      editedMigrationNames: [],
      hasMigrationsTable: false,
      history: unappliedMigrationNames.length ? { diagnostic: "databaseIsBehind", unappliedMigrationNames } : null,
    };
  }
}

async function status({ engine, target }) {
  const migrationsList = readMigrationsList(target.migrationsDir);
  const result = await diagnoseHistory(engine, migrationsList);
  const problems = [];
  if (result.failedMigrationNames.length) problems.push(`Failed: ${result.failedMigrationNames.join(", ")}`);
  if (result.editedMigrationNames.length) problems.push(`Edited after being applied: ${result.editedMigrationNames.join(", ")}`);
  const history = result.history;
  if (history?.unappliedMigrationNames?.length) problems.push(`Pending (run deploy): ${history.unappliedMigrationNames.join(", ")}`);
  if (history?.unpersistedMigrationNames?.length) problems.push(`In the database but not in ${displayPath(target.migrationsDir)}: ${history.unpersistedMigrationNames.join(", ")}`);
  if (history && !problems.length) problems.push(`Migration history mismatch: ${history.diagnostic}`);
  if (!problems.length) {
    console.log(`Database is up to date (${migrationsList.migrationDirectories.length} migration(s)).`);
    return 0;
  }
  for (const problem of problems) console.log(problem);
  return 1;
}

async function diff({ engine, target }) {
  const result = await engine.diff({
    from: { tag: "migrations", ...readMigrationsList(target.migrationsDir) },
    to: { tag: "schemaDatamodel", files: readSchemaFiles(target.schemaDir) },
    script: true,
    exitCode: null,
    filters,
  });
  process.stdout.write(result.stdout ?? "");
  return 0;
}

const commands = { create, deploy, status, diff };

// ---------- main ----------

// For file databases shared by the web app, SMTP intake and worker processes: WAL lets readers and one writer
// work at the same time. The mode is stored in the file, so setting it once at deploy covers every process.
function enableWal(target) {
  const file = target.provider === "sqlite" ? sqliteFile(target.url) : null;
  if (!file) return;
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

/** Engine errors name driver errors only as "External error id#N"; add the driver's own message. */
function describeError(error, adapter) {
  // Drop the engine's Rust span trace ("   0: schema_engine_wasm::…", "with …", "at …rs:242"): it says nothing to a user.
  let message = (error instanceof Error ? error.message : String(error))
    .split("\n")
    .filter((line) => !/^\s+(\d+: |at |with )/.test(line))
    .join("\n");
  message = message.replace(/External error id#(\d+)/g, (match, id) => {
    const original = adapter?.errorRegistry.consumeError(Number(id))?.error;
    const detail = original?.cause?.originalMessage ?? original?.message ?? original?.cause?.kind;
    return detail ? `${match} (${detail})` : match;
  });
  return panicMessage ? `${message}\nEngine panic: ${panicMessage}` : message;
}

async function main() {
  const [commandName, ...args] = process.argv.slice(2);
  const command = commands[commandName];
  if (!command) {
    console.error(USAGE);
    return 1;
  }
  const target = resolveTarget();
  const cleanups = [];
  let adapter;
  let engine;
  try {
    adapter = createAdapter(target, cleanups);
    if (commandName === "deploy") enableWal(target);
    engine = await loadSchemaEngine(readSchemaFiles(target.schemaDir), adapter);
    return await command({ engine, target, args });
  } catch (error) {
    console.error(`db-migrate ${commandName} failed: ${describeError(error, adapter)}`);
    return 1;
  } finally {
    engine?.free();
    // Best effort: a connection the engine already closed may refuse a second close; the process exits next anyway.
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

// Exit explicitly: the WASM engine leaves a ~10 s timer running after applyMigrations.
process.exit(await main());
