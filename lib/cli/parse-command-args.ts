import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "@/lib/cli/cli-errors";

/** Strict parsing of one command's arguments: an unknown or malformed flag is a usage error (exit 2). */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

/** Returns exactly `count` positionals or throws a usage error naming what was expected. */
export function expectPositionals(positionals: string[], count: number, expected: string): string[] {
  if (positionals.length !== count) throw new UsageError(`Expected ${expected}.`);
  return positionals;
}
