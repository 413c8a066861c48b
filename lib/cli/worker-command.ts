import { parseCommandArgs, expectPositionals } from "@/lib/cli/parse-command-args";
import { runServicesUntilSignal } from "@/lib/cli/run-services";

/** `sealpost worker`: a delivery worker alone; several workers share the queue by leasing jobs. */
export async function runWorkerCommand(args: string[]): Promise<void> {
  expectPositionals(parseCommandArgs(args, {}).positionals, 0, "no arguments after worker");
  await runServicesUntilSignal({ web: false, smtp: false, worker: true });
}
