import { Prisma } from "@/generated/sqlite/client";
import type { Tx } from "@/lib/db";

type Value = string | number | boolean | Date | Uint8Array | null;

// Stays under SQLite's 32,766 bound parameters per statement (PostgreSQL allows 65,535).
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows into one table with multi-row INSERT statements. For the hot paths (intake, the audit chain,
 * delivery attempts) only: Prisma's createMany costs milliseconds of CPU per call in its query compiler, a
 * raw statement a fraction of one, and that difference was most of the cost of accepting a message.
 *
 * Raw SQL bypasses the client's defaults, so every row must give every column the model fills in itself
 * (`@default(cuid())`, `@default(now())`: the database's own default would store a different format); a
 * column left out gets the database default. All rows must have the same columns; a column present but
 * undefined is written as NULL. Values are bound parameters, never spliced into the SQL; identifiers come
 * from the caller's code, never from input. Errors are raw-query errors (P2010, the driver's classification
 * in `meta.driverAdapterError.cause.kind`), not the query builder's P2002 and friends.
 */
export async function insertRows(tx: Tx, table: string, rows: Record<string, Value | undefined>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length || columns.some((column) => !(column in row))) {
      throw new Error(`insertRows(${table}): every row must have the columns ${columns.join(", ")}.`);
    }
  }
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES `);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const tuples = rows
      .slice(start, start + perStatement)
      .map((row) => Prisma.sql`(${Prisma.join(columns.map((column) => row[column] ?? null))})`);
    await tx.$executeRaw`${head}${Prisma.join(tuples)}`;
  }
}
