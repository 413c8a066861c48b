import { applyMigrations } from "@/lib/bootstrap/apply-migrations";
import { ensureDataDir } from "@/lib/bootstrap/ensure-data-dir";
import { parseCommandArgs, expectPositionals } from "@/lib/cli/parse-command-args";
import { getConfig } from "@/lib/config";

/** `sealpost migrate`: apply pending migrations (start does this too; useful before rolling out new workers). */
export async function runMigrateCommand(args: string[]): Promise<void> {
  expectPositionals(parseCommandArgs(args, {}).positionals, 0, "no arguments after migrate");
  const config = getConfig();
  if (config.provider === "sqlite") ensureDataDir(config.DATA_DIR);
  await applyMigrations(config.databaseUrl, config.provider);
}
