import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { expectPositionals, parseCommandArgs } from "@/lib/cli/parse-command-args";
import { applyRetention } from "@/lib/retention/apply-retention";
import { getRetentionDefaults } from "@/lib/retention/retention-settings";

/**
 * `sealpost retention apply`: run the retention job now (the worker also runs it on its sweep) and say what it
 * did. A message that could not be shredded makes the command fail (exit 1), so schedulers and monitoring notice.
 */
export async function runRetentionCommand(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {});
  const [action] = expectPositionals(positionals, 1, "a retention action: sealpost retention apply");
  if (action !== "apply") throw new UsageError(`Unknown retention action "${action}"; the only one is "apply".`);
  const { retentionDays } = await getRetentionDefaults();
  const result = await applyRetention(new Date(), { actorId: "cli" });
  console.log(
    retentionDays === null
      ? "Default retention: keep forever (only messages with their own retention date are shredded)."
      : `Default retention: ${retentionDays} days.`,
  );
  console.log(`Shredded: ${result.shredded} message(s).`);
  console.log(`Kept under legal hold although past their retention end: ${result.onHold} message(s).`);
  if (result.failed > 0) {
    throw new CommandError(`Failed: ${result.failed} message(s) could not be shredded (reasons above). The next run tries them again.`);
  }
}
