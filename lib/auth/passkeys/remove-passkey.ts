import { recordAuditEvent } from "@/lib/audit/record-event";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * Removes one of the actor's own passkeys (audited `passkey.removed`); it stops working at once because sign-in
 * looks the credential up on every use. Someone else's passkey id is refused and audited as `access.denied`.
 * @throws AccessDeniedError
 */
export async function removePasskey(actor: Actor, passkeyId: string, ctx: { sourceIp?: string | null } = {}): Promise<void> {
  const removed = await getDb().$transaction(async (tx) => {
    const row = await tx.passkey.findFirst({ where: { id: passkeyId, userId: actor.id }, select: { id: true, name: true } });
    if (!row) return false;
    await tx.passkey.delete({ where: { id: row.id } });
    await recordAuditEvent(tx, {
      type: "passkey.removed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { passkeyId: row.id, name: row.name },
    });
    return true;
  });
  if (!removed) {
    const resource = `passkey:${passkeyId}`;
    await recordAccessDenied({ actor, resource, reason: "not-owner", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, resource);
  }
}
