import path from "node:path";
import { applyMigrations } from "@/lib/bootstrap/apply-migrations";
import { ensureAuthSecret, type AuthSecretSource } from "@/lib/bootstrap/ensure-auth-secret";
import { ensureDataDir } from "@/lib/bootstrap/ensure-data-dir";
import { ensureIntakeTls, type IntakeTlsFiles } from "@/lib/bootstrap/ensure-intake-tls";
import { ensureKeyRing } from "@/lib/bootstrap/ensure-key-ring";
import { listPendingMigrations } from "@/lib/bootstrap/list-pending-migrations";
import { createAdminSetupLink } from "@/lib/auth/admin-setup";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";

export type BootstrapReport = {
  dataDir: string;
  /** The database location with any password masked, for the start-up banner. */
  database: string;
  keyRing: "created" | "existing";
  authSecret: AuthSecretSource;
  intakeTls: IntakeTlsFiles | null;
  /** One-time link to create the first admin; null when an admin exists or it was not asked for. */
  adminSetupLink: string | null;
};

function describeDatabase(url: string): string {
  if (url.startsWith("file:")) return path.resolve(url.slice("file:".length));
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/**
 * Everything a fresh clone needs before serving, in dependency order: data dir, migrated database, master
 * key ring (needs the database to know it is new), sign-in secret, intake TLS pair, first-admin link.
 * Safe to run on every start and from several processes of one installation.
 */
export async function runBootstrap(parts: { intakeTls: boolean; adminLink: boolean }): Promise<BootstrapReport> {
  const config = getConfig();
  ensureDataDir(config.DATA_DIR);
  const db = getDb();
  if ((await listPendingMigrations(db, config.provider)).length > 0) {
    // The migration engine needs a SQLite file to itself, this process's connection included; the client
    // reconnects on its next query.
    await db.$disconnect();
    await applyMigrations(config.databaseUrl, config.provider);
  }
  const keyRing = await ensureKeyRing(config.masterKeyFile, db);
  const authSecret = ensureAuthSecret(config.AUTH_SECRET, config.DATA_DIR);
  const intakeTls = parts.intakeTls
    ? await ensureIntakeTls({
        keyFile: config.SMTP_TLS_KEY_FILE,
        certFile: config.SMTP_TLS_CERT_FILE,
        hostname: config.SMTP_HOSTNAME,
        dataDir: config.DATA_DIR,
      })
    : null;
  const adminSetupLink = parts.adminLink ? await createAdminSetupLink() : null;
  return { dataDir: path.resolve(config.DATA_DIR), database: describeDatabase(config.databaseUrl), keyRing, authSecret, intakeTls, adminSetupLink };
}
