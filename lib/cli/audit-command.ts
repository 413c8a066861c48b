import { AuditKeyError, getAuditSigningKey } from "@/lib/audit/audit-signing-key";
import { checkpointFile } from "@/lib/audit/checkpoint-file";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { writeCheckpoint } from "@/lib/audit/write-checkpoint";
import { runAuditExport, runAuditVerifyBundle } from "@/lib/cli/audit-bundle-command";
import { runAuditEvents } from "@/lib/cli/audit-events-command";
import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { expectPositionals, parseCommandArgs } from "@/lib/cli/parse-command-args";

const ACTIONS: Record<string, (args: string[]) => Promise<void>> = {
  verify: runAuditVerify,
  events: runAuditEvents,
  checkpoint: runAuditCheckpoint,
  export: runAuditExport,
  "verify-bundle": runAuditVerifyBundle,
  "public-key": runAuditPublicKey,
};

/**
 * `sealpost audit <action>`: integrity checks of the audit log. A broken chain, a failed checkpoint or a bad
 * bundle is a failure (exit 1) so schedulers and monitoring can alert on it; a wrong command line exits 2.
 */
export async function runAuditCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const run = action === undefined ? undefined : ACTIONS[action];
  if (!run) {
    const known = Object.keys(ACTIONS).join(", ");
    throw new UsageError(action === undefined ? `Expected an audit action: ${known}.` : `Unknown audit action "${action}"; use one of: ${known}.`);
  }
  try {
    await run(rest);
  } catch (error) {
    // A missing or unreadable key file is something the operator fixes, not a crash.
    if (error instanceof AuditKeyError) throw new CommandError(error.message);
    throw error;
  }
}

/**
 * Read-only on purpose (unlike the UI's button, it records no event): it is what an operator runs against a
 * database kept as evidence.
 */
async function runAuditVerify(args: string[]): Promise<void> {
  const { positionals, values } = parseCommandArgs(args, { checkpoints: { type: "boolean" } });
  expectPositionals(positionals, 0, "no arguments after audit verify");
  const report = await verifyAuditChain({ checkpoints: values.checkpoints === true });
  if (!report.ok) {
    throw new CommandError(
      `Audit chain broken at event #${report.seq}: ${report.problem} (${report.detail})\n` +
        "Someone with database access changed the audit log. Keep a copy of the database as evidence before changing anything.",
    );
  }
  const checkpoints = report.checkpoints === undefined ? "" : `; ${report.checkpoints} signed checkpoint${report.checkpoints === 1 ? "" : "s"} match`;
  console.log(`Audit chain intact: ${report.events} events, head ${report.head}${checkpoints}`);
}

async function runAuditCheckpoint(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {});
  expectPositionals(positionals, 0, "no arguments after audit checkpoint");
  const written = await writeCheckpoint();
  if (!written) throw new CommandError("The audit log is empty: there is nothing to sign yet.");
  const { seq, hash, keyId } = written.checkpoint;
  console.log(`Checkpoint of event #${seq} (head ${hash}) signed with key ${keyId} and appended to ${checkpointFile()}`);
  if (written.email === "sent") console.log("A copy was mailed to AUDIT_CHECKPOINT_EMAIL.");
  if (written.email === "failed") throw new CommandError("The checkpoint was written, but mailing it to AUDIT_CHECKPOINT_EMAIL failed; see the message above.");
}

/** The PEM alone on stdout, so `sealpost audit public-key > audit-key.pub` gives a file others can check against. */
async function runAuditPublicKey(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {});
  expectPositionals(positionals, 0, "no arguments after audit public-key");
  const key = getAuditSigningKey();
  console.log(key.publicKeyPem.trimEnd());
  console.error(`Key id ${key.keyId}. Publish this key (or its id) where the people checking bundles and checkpoints can find it.`);
}
