import { parseCommandArgs, expectPositionals } from "@/lib/cli/parse-command-args";
import { runServicesUntilSignal } from "@/lib/cli/run-services";

/** `sealpost smtp`: the SMTP smart host alone; it seals and queues, workers deliver. */
export async function runSmtpCommand(args: string[]): Promise<void> {
  expectPositionals(parseCommandArgs(args, {}).positionals, 0, "no arguments after smtp");
  await runServicesUntilSignal({ web: false, smtp: true, worker: false });
}
