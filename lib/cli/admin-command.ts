import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { ADMIN_SETUP_TTL_MS, createAdminSetupLink } from "@/lib/auth/admin-setup";

/** `sealpost admin setup-link`: a fresh one-time first-admin link (earlier links stop working). */
export async function runAdminCommand(args: string[]): Promise<void> {
  const { positionals } = parseCommandArgs(args, {});
  if (positionals.length !== 1 || positionals[0] !== "setup-link") throw new UsageError("Use: sealpost admin setup-link");
  const link = await createAdminSetupLink();
  if (!link) throw new CommandError("An admin account already exists; sign in with it. Setup links are only for the first admin.");
  console.log(`Open this one-time link within ${ADMIN_SETUP_TTL_MS / 3_600_000} hours to create the first admin account:`);
  console.log(`  ${link}`);
}
