import { mkdirSync } from "node:fs";

/**
 * Creates the data directory, readable by this user only: it holds the SQLite database, the master key ring,
 * the generated sign-in secret and the intake TLS key. An existing directory keeps the owner's permissions.
 */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}
