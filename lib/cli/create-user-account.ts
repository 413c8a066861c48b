import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { hashPassword } from "@/lib/auth/passwords";
import { CommandError } from "@/lib/cli/cli-errors";
import { getDb } from "@/lib/db";

const CLI_USER_ROLES = ["sender", "admin", "compliance"] as const;

const inputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "--email must be an email address" })),
  name: z.string().trim().min(1, { error: "--name must not be empty" }).max(200, { error: "--name is too long" }),
  role: z.enum(CLI_USER_ROLES, { error: `--role must be one of ${CLI_USER_ROLES.join(", ")}` }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: `the password needs at least ${MIN_PASSWORD_LENGTH} characters` })
    .max(MAX_PASSWORD_LENGTH, { error: `the password may have at most ${MAX_PASSWORD_LENGTH} characters` })
    .nullable(),
});

/**
 * Creates an account from the command line (audited as `user.created` by the system actor "cli"). Without a
 * password the account cannot sign in to the web app but can own API tokens, e.g. for a sending application.
 */
export async function createUserAccount(input: { email: string; name: string; role: string; password: string | null }): Promise<{ id: string; email: string }> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw new CommandError(`Cannot create the user: ${parsed.error.issues[0]?.message ?? "invalid input"}.`);
  const { email, name, role, password } = parsed.data;
  // Hash outside the transaction: argon2 should not hold a SQLite write lock.
  const passwordHash = password === null ? null : await hashPassword(password);
  return getDb().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new CommandError(`A user with email ${email} already exists.`);
    }
    const user = await tx.user.create({ data: { email, name, role, passwordHash }, select: { id: true, email: true } });
    await recordAuditEvent(tx, {
      type: "user.created",
      actorType: "system",
      actorId: "cli",
      outcome: "success",
      data: { userId: user.id, role, via: "cli", password: passwordHash !== null },
    });
    return user;
  });
}
