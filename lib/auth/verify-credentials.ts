import { recordAuditEvent } from "@/lib/audit/record-event";
import { verifyPassword } from "@/lib/auth/passwords";
import { isRole, type Actor } from "@/lib/auth/roles";
import { signInSchema } from "@/lib/auth/schemas";
import { getDb } from "@/lib/db";

export type SignInFailure = "invalid-input" | "unknown-email" | "wrong-password" | "deactivated" | "no-password";

/**
 * Checks an email + password pair for the Credentials provider and records the attempt in the audit log
 * (`user.signed_in` or `user.sign_in_failed`; never the password). Returns the actor on success, null on any
 * failure: callers must not tell the person which part was wrong.
 */
export async function verifyCredentials(input: unknown, sourceIp: string | null): Promise<Actor | null> {
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
  await recordSignIn({ outcome: "success", reason: null, userId: user.id, sourceIp });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
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
