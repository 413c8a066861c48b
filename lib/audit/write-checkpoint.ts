import { getAuditSigningKey } from "@/lib/audit/audit-signing-key";
import { appendCheckpointLine, type AuditCheckpoint } from "@/lib/audit/checkpoint-file";
import { emailCheckpoint, type CheckpointEmail } from "@/lib/audit/email-checkpoint";
import { lockAuditChain, recordAuditEvent } from "@/lib/audit/record-event";
import { signAuditStatement } from "@/lib/audit/sign-audit-statement";
import { getConfig } from "@/lib/config";
import { getDb, type Tx } from "@/lib/db";

export type WrittenCheckpoint = { checkpoint: AuditCheckpoint; line: string; email: CheckpointEmail };

/**
 * Signs the chain head ({seq, hash, at, keyId}, Ed25519) and appends it to the checkpoint file, recording
 * `audit.checkpoint_written` in the same transaction: if the line cannot be written the event rolls back; if the
 * commit fails after the line was written, the line still describes a real event and stays valid. Then mails a
 * copy when AUDIT_CHECKPOINT_EMAIL is set. Returns null when the chain is empty (nothing to sign).
 */
export async function writeCheckpoint(now: Date = new Date()): Promise<WrittenCheckpoint | null> {
  return signHead(now, false);
}

/**
 * For the worker's sweep: writes a checkpoint when AUDIT_CHECKPOINT_INTERVAL (0 = never) has passed since the
 * last one and the chain has grown since. Returns null when none was due.
 */
export async function writeDueCheckpoint(now: Date = new Date()): Promise<WrittenCheckpoint | null> {
  const interval = getConfig().AUDIT_CHECKPOINT_INTERVAL;
  if (interval === 0) return null;
  // A read first, so the frequent sweeps that find nothing due never open a write transaction.
  if (!(await isDue(getDb(), now, interval))) return null;
  return signHead(now, true);
}

async function signHead(now: Date, onlyIfDue: boolean): Promise<WrittenCheckpoint | null> {
  const key = getAuditSigningKey();
  const interval = getConfig().AUDIT_CHECKPOINT_INTERVAL;
  const written = await getDb().$transaction(async (tx) => {
    // Holding the chain lock, two workers' sweeps cannot both find a checkpoint due and write two.
    await lockAuditChain(tx);
    if (onlyIfDue && !(await isDue(tx, now, interval))) return null;
    const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    if (!head) return null;
    const statement = { seq: head.seq, hash: head.hash, at: now.toISOString(), keyId: key.keyId };
    const checkpoint: AuditCheckpoint = { ...statement, signature: signAuditStatement(key.privateKey, statement) };
    const line = JSON.stringify(checkpoint);
    await appendCheckpointLine(line);
    await recordAuditEvent(tx, {
      type: "audit.checkpoint_written",
      actorType: "system",
      outcome: "success",
      data: { seq: head.seq, hash: head.hash, keyId: key.keyId },
    });
    return { checkpoint, line };
  });
  if (!written) return null;
  return { ...written, email: await emailCheckpoint(written.checkpoint, written.line, key.publicKeyPem) };
}

/**
 * Due when the interval has passed since the last checkpoint and some event other than that checkpoint's own
 * `audit.checkpoint_written` was recorded since (an idle chain is not signed again and again).
 */
async function isDue(db: Pick<Tx, "auditEvent">, now: Date, interval: number): Promise<boolean> {
  const last = await db.auditEvent.findFirst({ where: { type: "audit.checkpoint_written" }, orderBy: { seq: "desc" }, select: { seq: true, at: true } });
  if (last && now.getTime() - last.at.getTime() < interval) return false;
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return head !== null && head.seq !== last?.seq;
}
