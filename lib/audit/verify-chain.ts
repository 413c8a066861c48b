import { GENESIS_HASH, hashAuditEvent } from "@/lib/audit/hash-audit-event";
import type { AuditCheckpoint } from "@/lib/audit/checkpoint-file";
import { loadSignedCheckpoints } from "@/lib/audit/verify-checkpoints";
import { getDb } from "@/lib/db";

/**
 * What is wrong at the first bad event. The last two come from signed checkpoints: `rewritten` when the chain
 * adds up but no longer holds the hash a checkpoint signed for that seq (someone recomputed every hash),
 * `bad-checkpoint` when a checkpoint's own signature or key does not check out. `missing` also covers a chain
 * that ends before a checkpointed seq.
 */
export type AuditChainProblem = "altered" | "missing" | "reordered" | "broken-link" | "rewritten" | "bad-checkpoint";

export type AuditChainFailure = { ok: false; seq: number; problem: AuditChainProblem; detail: string };

/** `checkpoints` (how many were checked) is there only when checkpoints were asked for. */
export type AuditChainReport = { ok: true; events: number; head: string; checkpoints?: number } | AuditChainFailure;

export type VerifyAuditChainOptions = {
  /** Rows read per query; memory stays constant whatever the length of the chain. */
  batchSize?: number;
  /** Also check every signed checkpoint (lib/audit/write-checkpoint.ts) against the chain. */
  checkpoints?: boolean;
};

/**
 * Walks the whole audit chain in seq order and names the FIRST event that does not fit:
 * - missing: seq jumps (an event before this one was deleted); the first event must be seq 1;
 * - altered: the stored hash is not the hash of the row's own contents (the row was edited);
 * - reordered: the row links to some other event than the one before it (rows swapped or renumbered);
 * - broken-link: the row hashes correctly but links to no event at all (re-hashed after editing its link).
 * Every problem is reported at the first seq where the stored chain stops adding up, so a compliance
 * officer knows which event to look at.
 *
 * A chain rewritten consistently (every hash recomputed) passes those checks. With `checkpoints`, each signed
 * checkpoint must verify and its seq must still carry the hash it signed, which catches such a rewrite up to
 * the last checkpoint before it.
 */
export async function verifyAuditChain(opts: VerifyAuditChainOptions = {}): Promise<AuditChainReport> {
  const batchSize = opts.batchSize ?? 1000;
  let checkpoints = new Map<number, AuditCheckpoint>();
  if (opts.checkpoints) {
    const signed = await loadSignedCheckpoints();
    if (!signed.ok) return signed.failure;
    checkpoints = signed.bySeq;
  }
  const db = getDb();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        const gap = expectedSeq === row.seq - 1 ? `#${expectedSeq}` : `#${expectedSeq}–#${row.seq - 1}`;
        return { ok: false, seq: row.seq, problem: "missing", detail: `event ${gap} before it is gone` };
      }
      let recomputed: string;
      try {
        recomputed = hashAuditEvent(row.prevHash, row);
      } catch {
        return { ok: false, seq: row.seq, problem: "altered", detail: "its data is not valid JSON" };
      }
      if (recomputed !== row.hash && row.prevHash === prevHash) {
        return { ok: false, seq: row.seq, problem: "altered", detail: "its contents do not match its hash" };
      }
      if (row.prevHash !== prevHash) return linkProblem(row.seq, row.prevHash, recomputed === row.hash);
      const signed = checkpoints.get(row.seq);
      if (signed && signed.hash !== row.hash) {
        return {
          ok: false,
          seq: row.seq,
          problem: "rewritten",
          detail: `the checkpoint signed at ${signed.at} holds a different hash for it: the chain up to here was rewritten`,
        };
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < batchSize) break;
  }
  const events = expectedSeq - 1;
  const beyond = [...checkpoints.keys()].filter((seq) => seq > events).sort((a, b) => a - b)[0];
  if (beyond !== undefined) {
    return { ok: false, seq: beyond, problem: "missing", detail: `checkpoint #${beyond} vouches for it, but the chain now ends at #${events}` };
  }
  return opts.checkpoints ? { ok: true, events, head: prevHash, checkpoints: checkpoints.size } : { ok: true, events, head: prevHash };
}

/**
 * The row does not link to the event before it. If its prevHash is another event's hash, the row was moved
 * here from elsewhere in the chain (rows swapped or renumbered): reordered. Otherwise its link was rewritten:
 * broken-link when the row is self-consistent (re-hashed by whoever changed it), altered when it is not.
 * One indexed lookup, only on failure.
 */
async function linkProblem(seq: number, prevHash: string, selfConsistent: boolean): Promise<AuditChainReport> {
  const pointedAt = await getDb().auditEvent.findUnique({ where: { hash: prevHash }, select: { seq: true } });
  if (pointedAt) {
    return { ok: false, seq, problem: "reordered", detail: `it links to event #${pointedAt.seq} instead of #${seq - 1}` };
  }
  if (!selfConsistent) return { ok: false, seq, problem: "altered", detail: "its contents and its link do not match its hash" };
  return { ok: false, seq, problem: "broken-link", detail: "its previous hash matches no event" };
}
