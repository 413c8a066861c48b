import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { auditKeyId } from "@/lib/audit/sign-audit-statement";
import { type Config, getConfig } from "@/lib/config";

// The audit signing key lives in a file outside the database, like the master key ring: someone who can rewrite
// the database (and so the whole hash chain) must not also be able to re-sign checkpoints. Its public half is
// the trust anchor third parties check bundles and checkpoints against (`sealpost audit public-key`).

export type AuditSigningKey = { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string; keyId: string };

export class AuditKeyError extends Error {
  constructor(
    readonly code: "missing" | "permissions" | "corrupt",
    message: string,
  ) {
    super(message);
    this.name = "AuditKeyError";
  }
}

export function auditKeyFile(config: Config = getConfig()): string {
  return config.AUDIT_KEY_FILE ?? path.join(config.DATA_DIR, "audit-key.pem");
}

let cached: { file: string; key: AuditSigningKey } | undefined;

/**
 * The configured audit signing key. Created (Ed25519, PKCS#8 PEM, mode 0600) on first use unless `create` is
 * false, in which case a missing file throws AuditKeyError("missing").
 */
export function getAuditSigningKey(opts: { create?: boolean } = {}): AuditSigningKey {
  const file = auditKeyFile();
  if (cached?.file === file) return cached.key;
  if (opts.create !== false && !exists(file)) createAuditKeyFile(file);
  const key = loadAuditKeyFile(file);
  cached = { file, key };
  return key;
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a new key to a temporary 0600 file, then links it into place: link refuses to replace, so two
 * processes starting at once end up sharing whichever key landed first instead of overwriting each other's.
 */
function createAuditKeyFile(file: string): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeFileSync(fd, pem);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

function loadAuditKeyFile(file: string): AuditSigningKey {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new AuditKeyError("missing", `Audit key file ${file} does not exist. Restore it from backup, or set AUDIT_KEY_FILE to where it is.`);
  }
  // Whoever can read the key can sign checkpoints that hide a rewritten audit log.
  if ((stat.mode & 0o077) !== 0) {
    throw new AuditKeyError("permissions", `Audit key file ${file} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}). Run: chmod 600 ${file}`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file, "utf8"));
  } catch {
    throw new AuditKeyError("corrupt", `Audit key file ${file} is not a PEM private key. Restore it from backup.`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new AuditKeyError("corrupt", `Audit key file ${file} holds a ${privateKey.asymmetricKeyType ?? "unknown"} key; it must be Ed25519.`);
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return { privateKey, publicKey, publicKeyPem, keyId: auditKeyId(publicKey) };
}
