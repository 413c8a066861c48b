import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { BootstrapError } from "@/lib/bootstrap/bootstrap-error";
import type { Db } from "@/lib/db";
import { createKeyRingFile } from "@/lib/escrow/key-ring";

/**
 * Creates the master key ring on first start. A new key can only be made for a database with no sealed
 * mail: if messages exist and the key file is missing, the file was lost or misplaced, and a fresh key
 * would silently leave every stored message unreadable.
 */
export async function ensureKeyRing(file: string, db: Db): Promise<"created" | "existing"> {
  if (existsSync(file)) return "existing";
  const messages = await db.message.count();
  if (messages > 0) {
    throw new BootstrapError(
      `The master key file ${file} is missing, but the database holds ${messages} sealed message(s) that only its keys can open.\n` +
        "Restore the file from your backup (or point MASTER_KEY_FILE at it) and start again. " +
        "Sealpost will not create a new key for an existing database.",
    );
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    createKeyRingFile(file);
  } catch (error) {
    // Another process of this installation (e.g. `sealpost worker` beside `sealpost smtp`) won the race.
    if (existsSync(file)) return "existing";
    throw error;
  }
  return "created";
}
