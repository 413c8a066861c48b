import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "@/lib/bootstrap/repo-root";
import type { Db } from "@/lib/db";

/**
 * Migrations in prisma/<provider>/migrations that `_prisma_migrations` does not record as applied. Start-up
 * asks this first because the migration engine takes SQLite's exclusive locking mode: it cannot even check a
 * database that another Sealpost process has open, so it only runs when there is something to apply.
 */
export async function listPendingMigrations(db: Db, provider: "sqlite" | "postgresql"): Promise<string[]> {
  const folder = path.join(REPO_ROOT, "prisma", provider, "migrations");
  const available = existsSync(folder)
    ? readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  let rows: { migration_name: string }[];
  try {
    rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
  } catch {
    // No migrations table yet (a new database) or no connection: let the migration command find out and say so.
    return available;
  }
  const applied = new Set(rows.map((row) => row.migration_name));
  return available.filter((name) => !applied.has(name));
}
