import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { inviteUserSchema, type InviteUserInput } from "@/lib/admin/invitation-schemas";
import { enqueueJob } from "@/lib/queue/enqueue-job";

export class InviteUserError extends Error {
  constructor(readonly code: "email-taken") {
    super(`Invitation refused: ${code}`);
    this.name = "InviteUserError";
  }
}

/**
 * An admin invites a staff member: the account is created without a password (it cannot sign in yet) and an
 * invitation email job is queued in the same transaction as the audit event (`user.invited`). The job issues
 * the one-time link when it runs, so the token only ever exists hashed in the database and in the email.
 * Inviting an address whose invitation is still pending sends a fresh link (and updates name and role).
 * @throws InviteUserError "email-taken" when the address already belongs to an active account or a recipient.
 * @throws AccessDeniedError for anyone but an admin; ZodError for invalid input.
 */
export async function inviteUser(
  actor: Actor,
  input: InviteUserInput,
  ctx: { sourceIp?: string | null } = {},
): Promise<{ userId: string; reinvited: boolean }> {
  assertRole(actor, ["admin"], "invite user");
  const { name, email, role } = inviteUserSchema.parse(input);
  return getDb().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, passwordHash: true, deactivatedAt: true } });
    // A pending invitation is an account that never set a password; anything else is someone's real account.
    const pending = existing && existing.passwordHash === null && existing.role !== "recipient" && !existing.deactivatedAt;
    if (existing && !pending) throw new InviteUserError("email-taken");
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { name, role }, select: { id: true } })
      : await tx.user.create({ data: { name, email, role }, select: { id: true } });
    await enqueueJob(tx, { kind: "send-invitation", payload: { userId: user.id, invitedBy: actor.id } });
    await recordAuditEvent(tx, {
      type: "user.invited",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { userId: user.id, role, reinvited: existing !== null },
    });
    return { userId: user.id, reinvited: existing !== null };
  });
}
