import { recordAuditEvent } from "@/lib/audit/record-event";
import { verifyPassword } from "@/lib/auth/passwords";
import { isRole, type Actor } from "@/lib/auth/roles";
import { signInSchema } from "@/lib/auth/schemas";
import { getDb } from "@/lib/db";

export type SignInFailure = "invalid-input" | "unknown-email" | "wrong-password" | "deactivated" | "no-password";

/**
 * Checks an email + password pair and audits a failure (`user.sign_in_failed`; never the password). Success
 * is not audited here: the caller records `user.signed_in` once the sign-in is complete (it may still wait for
 * a device code). Callers must not tell the person which part was wrong.
 */
export async function checkPassword(input: unknown, sourceIp: string | null): Promise<Actor | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    await recordSignIn({ outcome: "failure", reason: "invalid-input", userId: null, sourceIp });
    return null;
  }
  const { email, password } = parsed.data;
  const user = await getDb().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, deactivatedAt: true },
  });
  // Always verify, even without a user, so timing does not reveal which emails have accounts.
  const matches = await verifyPassword(user?.passwordHash ?? null, password);
  const failure: SignInFailure | null = !user
    ? "unknown-email"
    : !user.passwordHash
      ? "no-password"
      : !matches
        ? "wrong-password"
        : user.deactivatedAt
          ? "deactivated"
          : null;
  if (failure || !user || !isRole(user.role)) {
    await recordSignIn({ outcome: "failure", reason: failure ?? "invalid-role", userId: user?.id ?? null, sourceIp });
    return null;
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** checkPassword plus the `user.signed_in` audit on success: for callers with no further step. */
export async function verifyCredentials(input: unknown, sourceIp: string | null): Promise<Actor | null> {
  const actor = await checkPassword(input, sourceIp);
  if (actor) await recordSignIn({ outcome: "success", reason: null, userId: actor.id, sourceIp });
  return actor;
}

async function recordSignIn(event: {
  outcome: "success" | "failure";
  reason: string | null;
  userId: string | null;
  sourceIp: string | null;
}): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      type: event.outcome === "success" ? "user.signed_in" : "user.sign_in_failed",
      actorType: event.userId ? "user" : "system",
      actorId: event.userId,
      sourceIp: event.sourceIp,
      outcome: event.outcome,
      data: event.reason ? { reason: event.reason } : {},
    });
  });
}
