import { parseCommandArgs, expectPositionals } from "@/lib/cli/parse-command-args";
import { runServicesUntilSignal } from "@/lib/cli/run-services";

/** `sealpost web`: the web app alone; run several behind a load balancer to scale out. */
export async function runWebCommand(args: string[]): Promise<void> {
  expectPositionals(parseCommandArgs(args, {}).positionals, 0, "no arguments after web");
  await runServicesUntilSignal({ web: true, smtp: false, worker: false });
}
