import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";

// Runs before each test file, before it imports anything from lib/: give the file its own data dir,
// database copy and key ring so files can run in parallel without sharing state.
const dataDir = mkdtempSync(path.join(tmpdir(), "sealpost-test-"));
const dbFile = path.join(dataDir, "sealpost.db");
copyFileSync(inject("templateDb"), dbFile);

process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.MASTER_KEY_FILE = path.join(dataDir, "master-keys.json");
process.env.AUTH_SECRET = "test-secret-that-is-long-enough-for-auth-js-0123456789";
process.env.PUBLIC_URL = "http://localhost:3000";
process.env.SEALPOST_CONFIG = "";

const { createKeyRingFile } = await import("@/lib/escrow/key-ring");
createKeyRingFile(process.env.MASTER_KEY_FILE);

afterAll(async () => {
  const { getDb } = await import("@/lib/db");
  await getDb().$disconnect();
});
