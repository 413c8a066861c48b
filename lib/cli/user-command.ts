import { text } from "node:stream/consumers";
import { UsageError } from "@/lib/cli/cli-errors";
import { createUserAccount } from "@/lib/cli/create-user-account";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";

const OPTIONS = {
  email: { type: "string" },
  name: { type: "string" },
  role: { type: "string" },
  "password-stdin": { type: "boolean" },
} as const;

/**
 * `sealpost user create --email --name --role [--password-stdin]`. The password is read from standard input
 * (first line), never from an argument, so it does not end up in shell history or the process list.
 */
export async function runUserCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (positionals.length !== 1 || positionals[0] !== "create") {
    throw new UsageError("Use: sealpost user create --email <addr> --name <name> --role sender|admin|compliance [--password-stdin]");
  }
  if (!values.email || !values.name || !values.role) throw new UsageError("user create needs --email, --name and --role.");
  const password = values["password-stdin"] ? ((await text(process.stdin)).split(/\r?\n/)[0] ?? "") : null;
  const user = await createUserAccount({ email: values.email, name: values.name, role: values.role, password });
  console.log(`Created ${values.role} ${user.email} (id ${user.id}).`);
  if (password === null) console.log("No password set: this account cannot sign in to the web app, but it can own API tokens.");
}
