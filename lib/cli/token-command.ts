import { createApiToken } from "@/lib/auth/api-tokens";
import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { getDb } from "@/lib/db";

/**
 * `sealpost token create --user <email> --name <label>`: an API token for the HTTP API (Bearer) and SMTP AUTH.
 * Only its hash is stored, so this is the one time it can be shown.
 */
export async function runTokenCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { user: { type: "string" }, name: { type: "string" } });
  if (positionals.length !== 1 || positionals[0] !== "create") throw new UsageError("Use: sealpost token create --user <email> --name <label>");
  if (!values.user || !values.name) throw new UsageError("token create needs --user <email> and --name <label>.");
  const email = values.user.trim().toLowerCase();
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  if (!user) throw new CommandError(`No user with email ${email}. Create one first: sealpost user create --email ${email} --name … --role sender`);
  if (user.deactivatedAt) throw new CommandError(`The user ${email} is deactivated; tokens for it would not work.`);
  const { token } = await createApiToken(user.id, values.name);
  console.log(`API token "${values.name}" for ${email} (shown only now; store it safely):`);
  console.log(token);
}
