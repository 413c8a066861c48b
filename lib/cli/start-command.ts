import { parseCommandArgs, expectPositionals } from "@/lib/cli/parse-command-args";
import { runServicesUntilSignal } from "@/lib/cli/run-services";

/** `sealpost start`: web app, SMTP smart host and delivery worker in one process (the embedded default). */
export async function runStartCommand(args: string[]): Promise<void> {
  expectPositionals(parseCommandArgs(args, {}).positionals, 0, "no arguments after start");
  await runServicesUntilSignal({ web: true, smtp: true, worker: true });
}
