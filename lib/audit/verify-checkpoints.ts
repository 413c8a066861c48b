import { AuditKeyError, getAuditSigningKey, type AuditSigningKey } from "@/lib/audit/audit-signing-key";
import { checkpointFile, readCheckpoints, type AuditCheckpoint } from "@/lib/audit/checkpoint-file";
import { verifyAuditStatement } from "@/lib/audit/sign-audit-statement";
import type { AuditChainFailure } from "@/lib/audit/verify-chain";

export type SignedCheckpoints = { ok: true; bySeq: Map<number, AuditCheckpoint> } | { ok: false; failure: AuditChainFailure };

/**
 * Reads every checkpoint and checks its signature against this installation's audit key. Returns them by seq
 * for the chain walk to compare hashes, or the first checkpoint that cannot be trusted. Each checkpoint's seq
 * is one the chain has had: a checkpoint can only be checked against the chain, never the other way round.
 */
export async function loadSignedCheckpoints(): Promise<SignedCheckpoints> {
  const bySeq = new Map<number, AuditCheckpoint>();
  let key: AuditSigningKey | undefined;
  for await (const entry of readCheckpoints()) {
    if ("error" in entry) return bad(0, `line ${entry.line} of ${checkpointFile()} ${entry.error}`);
    const checkpoint = entry.checkpoint;
    try {
      key ??= getAuditSigningKey({ create: false });
    } catch (error) {
      if (!(error instanceof AuditKeyError)) throw error;
      return bad(checkpoint.seq, `checkpoint #${checkpoint.seq} cannot be checked: ${error.message}`);
    }
    if (checkpoint.keyId !== key.keyId) {
      return bad(checkpoint.seq, `checkpoint #${checkpoint.seq} names key ${checkpoint.keyId}, not this installation's audit key ${key.keyId}`);
    }
    const { signature, ...statement } = checkpoint;
    if (!verifyAuditStatement(key.publicKey, statement, signature)) {
      return bad(checkpoint.seq, `the signature on checkpoint #${checkpoint.seq} (line ${entry.line}) does not verify: the checkpoint was forged or edited`);
    }
    const earlier = bySeq.get(checkpoint.seq);
    if (earlier && earlier.hash !== checkpoint.hash) {
      return {
        ok: false,
        failure: { ok: false, seq: checkpoint.seq, problem: "rewritten", detail: `two signed checkpoints disagree about event #${checkpoint.seq}: the chain was rewritten between ${earlier.at} and ${checkpoint.at}` },
      };
    }
    bySeq.set(checkpoint.seq, checkpoint);
  }
  return { ok: true, bySeq };
}

function bad(seq: number, detail: string): SignedCheckpoints {
  return { ok: false, failure: { ok: false, seq, problem: "bad-checkpoint", detail } };
}
