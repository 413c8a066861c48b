import { BootstrapError } from "@/lib/bootstrap/bootstrap-error";
import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { USAGE } from "@/lib/cli/usage";
import { ConfigError, parseConfig } from "@/lib/config";

type RunCommand = (args: string[]) => Promise<void>;

// Loaded on demand so `help` and usage errors stay instant and never touch the database.
const COMMANDS: Record<string, RunCommand> = {
  start: async (args) => (await import("@/lib/cli/start-command")).runStartCommand(args),
  web: async (args) => (await import("@/lib/cli/web-command")).runWebCommand(args),
  smtp: async (args) => (await import("@/lib/cli/smtp-command")).runSmtpCommand(args),
  worker: async (args) => (await import("@/lib/cli/worker-command")).runWorkerCommand(args),
  demo: async (args) => (await import("@/lib/cli/demo-command")).runDemoCommand(args),
  send: async (args) => (await import("@/lib/cli/send-command")).runSendCommand(args),
  status: async (args) => (await import("@/lib/cli/status-command")).runStatusCommand(args),
  migrate: async (args) => (await import("@/lib/cli/migrate-command")).runMigrateCommand(args),
  keys: async (args) => (await import("@/lib/cli/keys-command")).runKeysCommand(args),
  policy: async (args) => (await import("@/lib/cli/policy-command")).runPolicyCommand(args),
  user: async (args) => (await import("@/lib/cli/user-command")).runUserCommand(args),
  token: async (args) => (await import("@/lib/cli/token-command")).runTokenCommand(args),
  admin: async (args) => (await import("@/lib/cli/admin-command")).runAdminCommand(args),
  audit: async (args) => (await import("@/lib/cli/audit-command")).runAuditCommand(args),
  retention: async (args) => (await import("@/lib/cli/retention-command")).runRetentionCommand(args),
};

/** Runs one `sealpost` command and returns the process exit status (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    // Validate every setting before doing anything, so a typo stops the command with the setting's name.
    // parseConfig does not cache: `demo` still adds its own settings before the first getConfig().
    parseConfig(process.env);
    await command(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix it in the environment or in the config file (sealpost.config.json).\n`);
      return 1;
    }
    if (error instanceof CommandError || error instanceof BootstrapError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
