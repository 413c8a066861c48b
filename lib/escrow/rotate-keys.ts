import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import type { AuditActorType } from "@/lib/audit/event-types";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { unwrapDataKey, wrapDataKey } from "@/lib/escrow/envelope";
import { addMasterKey, type KeyRing } from "@/lib/escrow/key-ring";

export type RotateKeysOptions = {
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  actor?: { type: AuditActorType; id?: string | null };
};

export class KeyRotationInProgressError extends Error {
  readonly code = "rotation-in-progress";

  constructor(message: string) {
    super(message);
    this.name = "KeyRotationInProgressError";
  }
}

// Messages committed by a process that had not yet noticed the new key can land behind the scan's cursor;
// a few extra passes pick them up. They stay readable either way: rotation never removes old keys.
const MAX_PASSES = 3;

/**
 * Two rotations at once would each write a ring missing the other's new key, and data keys wrapped with the
 * lost key could never be opened again. A lock file beside the ring serialises them; a lock left by a process
 * that died on this host is taken over.
 */
function acquireRotationLock(keyRingFile: string): () => void {
  const lock = `${keyRingFile}.rotate-lock`;
  const owner = `${hostname()} ${process.pid}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${owner}\n`, { flag: "wx", mode: 0o600 });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const [host, pid] = readFileSync(lock, "utf8").trim().split(" ");
    if (host !== hostname() || isRunning(Number(pid))) {
      throw new KeyRotationInProgressError(
        `Another key rotation is running (${host ?? "unknown host"}, process ${pid ?? "?"}). Wait for it to finish; ` +
          `if it is not running any more, delete ${lock} and rotate again.`,
      );
    }
    rmSync(lock, { force: true });
  }
  throw new KeyRotationInProgressError(`Could not take the key rotation lock ${lock}. Rotate again.`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Re-wraps every data key not yet under `ring.activeId`, batch by batch; returns how many were re-wrapped. */
async function rewrapDataKeys(
  ring: KeyRing,
  batchSize: number,
  onProgress: (done: number, total: number) => void,
): Promise<{ rewrapped: number; remaining: number }> {
  const db = getDb();
  const pending = { wrappedDataKey: { not: null }, dataKeyId: { not: ring.activeId } };
  let remaining = await db.message.count({ where: pending });
  let done = 0;
  onProgress(0, remaining);
  for (let pass = 0; pass < MAX_PASSES && remaining > 0; pass++) {
    const total = done + remaining;
    let cursor: string | undefined;
    for (;;) {
      const batch = await db.message.findMany({
        where: cursor === undefined ? pending : { ...pending, id: { gt: cursor } },
        orderBy: { id: "asc" },
        take: batchSize,
        select: { id: true, dataKeyId: true, wrappedDataKey: true },
      });
      const last = batch.at(-1);
      if (!last) break;
      cursor = last.id;
      // Crypto before the transaction, so the write lock is held only for the updates.
      const rewrapped = batch.map((message) => ({
        id: message.id,
        previousKeyId: message.dataKeyId,
        ...wrapDataKey(ring, message.id, unwrapDataKey(ring, message)),
      }));
      const updated = await db.$transaction(
        async (tx) => {
          let count = 0;
          for (const row of rewrapped) {
            // Conditional on the row still being as read: a message shredded meanwhile must stay shredded.
            const result = await tx.message.updateMany({
              where: { id: row.id, dataKeyId: row.previousKeyId, wrappedDataKey: { not: null } },
              data: { wrappedDataKey: row.wrappedDataKey, dataKeyId: row.dataKeyId },
            });
            count += result.count;
          }
          return count;
        },
        { timeout: 60_000 },
      );
      done += updated;
      onProgress(done, Math.max(total, done));
    }
    remaining = await db.message.count({ where: pending });
  }
  return { rewrapped: done, remaining };
}

/**
 * Adds a new active master key to the key ring file and re-wraps every message's data key with it. Message
 * parts are not touched: they are sealed with the data keys, which do not change. Old keys stay in the ring,
 * so a crash midway loses nothing; running again finishes the job (under yet another new key).
 */
export async function rotateKeys(
  opts: RotateKeysOptions = {},
): Promise<{ newKeyId: string; rewrapped: number; remaining: number }> {
  const batchSize = opts.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a positive integer.");
  const file = getConfig().masterKeyFile;
  const releaseLock = acquireRotationLock(file);
  try {
    const { ring, newKeyId, previousKeyId } = addMasterKey(file);
    const audit = async (outcome: "success" | "failure", data: Record<string, unknown>) =>
      getDb().$transaction((tx) =>
        recordAuditEvent(tx, {
          type: "keys.rotated",
          actorType: opts.actor?.type ?? "system",
          actorId: opts.actor?.id ?? null,
          outcome,
          // Key ids only: key material never leaves the key ring file.
          data: { newKeyId, previousKeyId, keyIds: [...ring.keys.keys()], ...data },
        }),
      );
    let result: { rewrapped: number; remaining: number };
    try {
      result = await rewrapDataKeys(ring, batchSize, opts.onProgress ?? (() => {}));
    } catch (error) {
      // Only a stable code: a database error's message can quote the query, wrapped keys included. If the
      // audit write fails too, the original error is the one worth reporting.
      const code = (error as { code?: unknown }).code;
      await audit("failure", { error: typeof code === "string" ? code : "unexpected" }).catch(() => undefined);
      throw error;
    }
    await audit("success", result);
    return { newKeyId, ...result };
  } finally {
    releaseLock();
  }
}
