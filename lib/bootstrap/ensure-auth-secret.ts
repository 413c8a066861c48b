import { readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { BootstrapError } from "@/lib/bootstrap/bootstrap-error";

export type AuthSecretSource = "configured" | "generated" | "file";

/**
 * Auth.js signs sessions with AUTH_SECRET. When none is configured, generate one once into
 * `<DATA_DIR>/auth-secret` (0600) and reuse it, so sessions survive restarts. It is handed to the web app
 * through the environment because Next's bundle parses the configuration itself, after this runs.
 */
export function ensureAuthSecret(configured: string | undefined, dataDir: string): AuthSecretSource {
  if (configured) return "configured";
  const file = path.join(dataDir, "auth-secret");
  let source: AuthSecretSource = "file";
  try {
    // "wx": never overwrite; a second process starting at the same moment reads the first one's secret.
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
    source = "generated";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) {
    throw new BootstrapError(`${file} holds a secret shorter than 32 characters. Delete the file to generate a new one (everyone will have to sign in again), or set AUTH_SECRET.`);
  }
  process.env.AUTH_SECRET = secret;
  return source;
}
