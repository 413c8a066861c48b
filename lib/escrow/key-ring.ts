import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { z } from "zod";
import { getConfig } from "@/lib/config";

// The master keys live in a file beside the database, never in it: a copy of the database alone must not
// be enough to read mail. The file keeps every key ever used, so data keys wrapped before a rotation can
// still be unwrapped; the active key wraps new data keys.

export type KeyRing = { activeId: string; keys: Map<string, Buffer> };

export class KeyRingError extends Error {
  constructor(
    readonly code: "missing" | "exists" | "permissions" | "corrupt" | "key-missing",
    message: string,
  ) {
    super(message);
    this.name = "KeyRingError";
  }
}

const KEY_BYTES = 32;

const keyRingFileSchema = z.object({
  version: z.literal(1),
  activeKeyId: z.string().min(1),
  keys: z
    .array(
      z.object({
        id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "key ids are 1–64 letters, digits, '.', '_' or '-'"),
        key: z.base64(),
        createdAt: z.string(),
      }),
    )
    .min(1),
});

type KeyRingFile = z.infer<typeof keyRingFileSchema>;

function newKeyRecord(sequence: number): KeyRingFile["keys"][number] {
  return {
    id: `k${sequence}-${randomBytes(4).toString("hex")}`,
    key: randomBytes(KEY_BYTES).toString("base64"),
    createdAt: new Date().toISOString(),
  };
}

/**
 * Writes `content` to a temporary file (0600, synced) in the same directory, then moves it into place:
 * `rename` replaces atomically, `link` refuses to replace. Readers never see a half-written key ring.
 */
function writeKeyRingAtomically(file: string, content: KeyRingFile, mode: "create" | "replace"): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  // A rotation run as root must not leave the service user a ring it can no longer read.
  const owner = mode === "replace" ? statSync(file) : undefined;
  const fd = openSync(temp, "wx", 0o600);
  try {
    fchmodSync(fd, 0o600);
    if (owner && owner.uid !== process.getuid?.()) chownToOwner(fd, file, owner);
    writeFileSync(fd, `${JSON.stringify(content, null, 2)}\n`);
    fsyncSync(fd);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    closeSync(fd);
  }
  try {
    if (mode === "replace") {
      renameSync(temp, file);
    } else {
      try {
        linkSync(temp, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") {
          throw new KeyRingError("exists", `Key ring file ${file} already exists; refusing to overwrite it.`);
        }
        throw error;
      }
    }
    const dirFd = openSync(dir, "r");
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } finally {
    // After a rename the temporary name is gone; after a link or a failure it still holds key material.
    rmSync(temp, { force: true });
  }
}

function chownToOwner(fd: number, file: string, owner: { uid: number; gid: number }): void {
  try {
    fchownSync(fd, owner.uid, owner.gid);
  } catch {
    throw new KeyRingError(
      "permissions",
      `Key ring file ${file} belongs to user id ${owner.uid}. Run the key rotation as that user (or as root).`,
    );
  }
}

function readKeyRingFile(file: string): KeyRingFile {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new KeyRingError(
      "missing",
      `Key ring file ${file} does not exist. Restore it from backup, or set MASTER_KEY_FILE to where it is.`,
    );
  }
  // The keys decrypt every message: anyone else on the machine who can read the file can read all mail.
  if ((stat.mode & 0o077) !== 0) {
    throw new KeyRingError(
      "permissions",
      `Key ring file ${file} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}). Run: chmod 600 ${file}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new KeyRingError("corrupt", `Key ring file ${file} is not valid JSON. Restore it from backup.`);
  }
  const result = keyRingFileSchema.safeParse(parsed);
  if (!result.success) {
    // Only the path and zod's generic message: never echo values, they may be key material.
    const issue = result.error.issues[0]!;
    throw new KeyRingError(
      "corrupt",
      `Key ring file ${file} is not valid (${issue.path.join(".") || "file"}: ${issue.message}). Restore it from backup.`,
    );
  }
  return result.data;
}

function toKeyRing(file: string, content: KeyRingFile): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const record of content.keys) {
    const key = Buffer.from(record.key, "base64");
    if (key.length !== KEY_BYTES) {
      throw new KeyRingError("corrupt", `Key ${record.id} in ${file} is not a 256-bit key. Restore the file from backup.`);
    }
    if (keys.has(record.id)) {
      throw new KeyRingError("corrupt", `Key id ${record.id} appears twice in ${file}. Restore the file from backup.`);
    }
    keys.set(record.id, key);
  }
  if (!keys.has(content.activeKeyId)) {
    throw new KeyRingError("corrupt", `The active key ${content.activeKeyId} is not among the keys in ${file}.`);
  }
  return { activeId: content.activeKeyId, keys };
}

/** Writes a new key ring holding one random 256-bit active key, mode 0600. Throws if `file` exists. */
export function createKeyRingFile(file: string): void {
  const first = newKeyRecord(1);
  writeKeyRingAtomically(file, { version: 1, activeKeyId: first.id, keys: [first] }, "create");
}

/** Reads and validates a key ring file; refuses files other users could read. */
export function loadKeyRing(file: string): KeyRing {
  return toKeyRing(file, readKeyRingFile(file));
}

/**
 * Adds a new random key to the ring file and makes it active, keeping every old key for reading.
 * Callers must serialise concurrent calls (two rotations racing would each drop the other's key).
 */
export function addMasterKey(file: string): { ring: KeyRing; newKeyId: string; previousKeyId: string } {
  const content = readKeyRingFile(file);
  const sequences = content.keys.map((record) => Number(/^k(\d+)-/.exec(record.id)?.[1] ?? 0));
  const added = newKeyRecord(Math.max(content.keys.length, ...sequences) + 1);
  const next: KeyRingFile = { version: 1, activeKeyId: added.id, keys: [...content.keys, added] };
  writeKeyRingAtomically(file, next, "replace");
  // Read back what is on disk, so a write that did not land is found now rather than by a failed decrypt later.
  const ring = loadKeyRing(file);
  if (ring.activeId !== added.id) {
    throw new KeyRingError("corrupt", `Key ring file ${file} changed while a key was being added. Run the rotation again.`);
  }
  return { ring, newKeyId: added.id, previousKeyId: content.activeKeyId };
}

let cached: { file: string; stamp: string; ring: KeyRing } | undefined;

/**
 * The configured key ring. Cached per process, but re-read when the file changes (rotation replaces it by
 * rename, so inode and mtime change): a long-running worker must open mail wrapped with a key added later.
 */
export function getKeyRing(): KeyRing {
  const file = getConfig().masterKeyFile;
  let stamp: string;
  try {
    const stat = statSync(file);
    stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    stamp = "missing";
  }
  if (cached?.file === file && cached.stamp === stamp) return cached.ring;
  const ring = loadKeyRing(file);
  cached = { file, stamp, ring };
  return ring;
}
