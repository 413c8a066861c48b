import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { expectPositionals, parseCommandArgs } from "@/lib/cli/parse-command-args";
import { KeyRingError } from "@/lib/escrow/key-ring";
import { KeyRotationInProgressError, rotateKeys } from "@/lib/escrow/rotate-keys";

/**
 * `sealpost keys rotate`: add a new active master key and re-wrap every message's data key with it.
 * Message bodies are not re-encrypted; old keys stay in the ring for reading until removed by hand.
 */
export async function runKeysCommand(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {});
  const [action] = expectPositionals(positionals, 1, "a keys action: sealpost keys rotate");
  if (action !== "rotate") throw new UsageError(`Unknown keys action "${action}"; the only one is "rotate".`);
  const interactive = process.stdout.isTTY === true;
  let lastReported = -1;
  const result = await rotateKeys({
    onProgress(done, total) {
      // On a terminal, rewrite one line; in logs, one line per tenth so the output stays short.
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (interactive) process.stdout.write(`\rRe-wrapping message keys: ${done}/${total}`);
      else if (tenth !== lastReported) console.log(`Re-wrapping message keys: ${done}/${total}`);
      lastReported = tenth;
    },
  }).catch((error: unknown) => {
    // Both say what is wrong with the key ring file or lock and what to do; no stack trace needed.
    if (error instanceof KeyRingError || error instanceof KeyRotationInProgressError) throw new CommandError(error.message);
    throw error;
  });
  if (interactive) process.stdout.write("\n");
  console.log(`New active key ${result.newKeyId}; ${result.rewrapped} message key(s) re-wrapped.`);
  console.log("Back up the key ring file now: it holds the new key.");
}
