import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { expectPositionals, parseCommandArgs } from "@/lib/cli/parse-command-args";
import { verifyAuditChain } from "@/lib/audit/verify-chain";

/**
 * `sealpost audit verify`: recompute the audit hash chain and name the first event that does not fit.
 * A broken chain is a failure (exit 1) so schedulers and monitoring can alert on it.
 */
export async function runAuditCommand(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {});
  const [action] = expectPositionals(positionals, 1, "an audit action: sealpost audit verify");
  if (action !== "verify") throw new UsageError(`Unknown audit action "${action}"; the only one is "verify".`);
  const report = await verifyAuditChain();
  if (!report.ok) {
    throw new CommandError(
      `Audit chain broken at event #${report.seq}: ${report.problem} (${report.detail})\n` +
        "Someone with database access changed the audit log. Keep a copy of the database as evidence before changing anything.",
    );
  }
  console.log(`Audit chain intact: ${report.events} events, head ${report.head}`);
}
