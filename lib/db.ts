import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PgClient } from "@/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { getConfig } from "@/lib/config";

// The only place a Prisma client is built. Both generated clients share one model file, so the SQLite
// client's type stands for both; provider-specific SQL is confined to lib/queue (job claiming).
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { sealpostDb?: Db };

function createDb(): Db {
  const { databaseUrl, provider } = getConfig();
  if (provider === "postgresql") {
    return new PgClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  // busy timeout: the SMTP intake, the worker and the web app may share one SQLite file from separate processes.
  const factory = new PrismaBetterSqlite3({ url: databaseUrl.replace(/^file:/, ""), timeout: 10_000 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => beginImmediately(await connect());
  return new SqliteClient({ adapter: factory });
}

/**
 * The adapter opens transactions with a plain (deferred) BEGIN. A deferred transaction that reads and then
 * writes cannot wait for another process's writer: SQLite answers SQLITE_BUSY at once instead of using the
 * busy timeout, because the read snapshot it holds would be stale. BEGIN IMMEDIATE takes the write lock up
 * front, so concurrent writers queue behind the busy timeout instead of failing.
 */
function beginImmediately<T>(adapter: T): T {
  const client = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client;
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
  return adapter;
}

/**
 * The process-wide database client, created on first use.
 *
 * On SQLite the adapter holds ONE connection: a query issued outside `$transaction` while another
 * transaction of this process is open runs inside that transaction and is rolled back with it. So every
 * write goes through `$transaction` (which waits its turn); plain calls are for reads only.
 */
export function getDb(): Db {
  globalForDb.sealpostDb ??= createDb();
  return globalForDb.sealpostDb;
}
