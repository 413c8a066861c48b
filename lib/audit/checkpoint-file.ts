import { createReadStream } from "node:fs";
import { access, appendFile, mkdir, open } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { z } from "zod";
import { type Config, getConfig } from "@/lib/config";

// Checkpoints are kept outside the database, one JSON object per line, appended and never rewritten: a rewrite
// of the whole hash chain (every hash recomputed) is then still caught by the chain no longer matching them.

export const auditCheckpointSchema = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** Base64 Ed25519 signature over canonicalJson({seq, hash, at, keyId}). */
  signature: z.string().min(1),
});

export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;

export function checkpointFile(config: Config = getConfig()): string {
  return path.join(config.AUDIT_CHECKPOINT_DIR ?? path.join(config.DATA_DIR, "audit-checkpoints"), "checkpoints.jsonl");
}

/** Appends one line and syncs it to disk before returning, so a checkpoint that was reported also survives a crash. */
export async function appendCheckpointLine(line: string): Promise<void> {
  const file = checkpointFile();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, "a", 0o644);
  try {
    // One write of one line in append mode: concurrent writers cannot interleave inside it.
    await appendFile(handle, `${line}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type CheckpointLine = { line: number; checkpoint: AuditCheckpoint } | { line: number; error: string };

/** Every checkpoint in file order, read line by line (the file grows for years; it is never held whole). */
export async function* readCheckpoints(): AsyncGenerator<CheckpointLine> {
  const file = checkpointFile();
  try {
    await access(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // no checkpoint written yet
    throw error;
  }
  const stream = createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      if (text.trim() === "") continue;
      yield parseCheckpointLine(line, text);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

function parseCheckpointLine(line: number, text: string): CheckpointLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { line, error: "is not JSON" };
  }
  const parsed = auditCheckpointSchema.safeParse(json);
  if (!parsed.success) return { line, error: `is not a checkpoint (${parsed.error.issues[0]?.path.join(".") || "line"})` };
  return { line, checkpoint: parsed.data };
}
