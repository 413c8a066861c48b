import { acceptInvitationSchema } from "@/lib/admin/invitation-schemas";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { checkNewPassword, type NewPasswordProblem } from "@/lib/auth/check-new-password";
import { hashToken } from "@/lib/auth/hash-token";
import { hashPassword } from "@/lib/auth/passwords";
import { getDb } from "@/lib/db";

export class AcceptInvitationError extends Error {
  constructor(readonly code: "invalid-token" | "name" | NewPasswordProblem) {
    super(`Invitation not accepted: ${code}`);
    this.name = "AcceptInvitationError";
  }
}

/**
 * Activates an invited account: sets its name and password and proves its address (the link reached it). The
 * token is consumed in the same transaction, so a link works exactly once; a refused password leaves it usable.
 * Audited as `user.created` (via invitation).
 * @throws AcceptInvitationError
 */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string; confirm: string },
  ctx: { sourceIp?: string | null; now?: Date } = {},
): Promise<{ userId: string; email: string; role: string }> {
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) throw new AcceptInvitationError(parsed.error.issues[0]?.path[0] === "name" ? "name" : "passwordTooLong");
  const { name, password, confirm } = parsed.data;
  const now = ctx.now ?? new Date();
  const tokenHash = hashToken(token);
  const row = await getDb().accessToken.findUnique({ where: { tokenHash }, select: { user: { select: { email: true } } } });
  const problem = await checkNewPassword(password, confirm, [name, row?.user?.email ?? ""]);
  if (problem) throw new AcceptInvitationError(problem);
  // Hash outside the transaction: argon2 should not hold the SQLite write lock.
  const passwordHash = await hashPassword(password);
  return getDb().$transaction(async (tx) => {
    const invitation = await tx.accessToken.findUnique({ where: { tokenHash }, select: { id: true, purpose: true, userId: true } });
    const consumed = await tx.accessToken.updateMany({
      where: { tokenHash, purpose: "invitation", consumedAt: null, expiresAt: { gt: now } },
      data: { consumedAt: now },
    });
    if (consumed.count !== 1 || !invitation?.userId) throw new AcceptInvitationError("invalid-token");
    const activated = await tx.user.updateMany({
      where: { id: invitation.userId, passwordHash: null, deactivatedAt: null },
      data: { name, passwordHash, passwordChangedAt: now, emailVerifiedAt: now },
    });
    if (activated.count !== 1) throw new AcceptInvitationError("invalid-token");
    const user = await tx.user.findUniqueOrThrow({ where: { id: invitation.userId }, select: { id: true, email: true, role: true } });
    await recordAuditEvent(tx, {
      type: "user.created",
      actorType: "user",
      actorId: user.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { role: user.role, via: "invitation", invitationId: invitation.id },
    });
    return { userId: user.id, email: user.email, role: user.role };
  });
}
