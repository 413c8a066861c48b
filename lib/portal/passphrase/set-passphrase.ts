import { recordAuditEvent } from "@/lib/audit/record-event";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { hashPassphrase } from "@/lib/portal/passphrase/hash-passphrase";
import { setPassphraseSchema } from "@/lib/portal/passphrase/passphrase-schema";
import { requireSenderAccess, type AccessContext } from "@/lib/portal/require-message-access";

/**
 * Requires `passphrase` (shared by the sender out of band: phone, text message) before the recipient of this
 * row can open the message. Only the message's sender may set it. A new passphrase replaces the old one and
 * clears any earlier verification, failure count and lock, so the recipient must enter the new one.
 * Audited as `passphrase.set` (never the passphrase).
 * @throws AccessDeniedError (audited) when the actor is not the sender; ZodError for an unusable passphrase.
 */
export async function setRecipientPassphrase(actor: Actor, recipientId: string, passphrase: string, ctx: AccessContext = {}): Promise<void> {
  const input = setPassphraseSchema.parse({ recipientId, passphrase });
  const row = await getDb().recipient.findUnique({ where: { id: input.recipientId }, select: { id: true, messageId: true, passphraseHash: true } });
  if (!row) {
    const resource = `recipient:${input.recipientId}`;
    await recordAccessDenied({ actor, resource, reason: "not-found", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, resource);
  }
  await requireSenderAccess(actor, row.messageId, ctx);
  // Hash outside the transaction: argon2 should not hold the SQLite write lock.
  const passphraseHash = await hashPassphrase(input.passphrase);
  await getDb().$transaction(async (tx) => {
    await tx.recipient.update({
      where: { id: row.id },
      data: { passphraseHash, passphraseFailures: 0, passphraseLockedUntil: null, passphraseVerifiedAt: null },
    });
    await recordAuditEvent(tx, {
      type: "passphrase.set",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      messageId: row.messageId,
      recipientId: row.id,
      outcome: "success",
      data: { replaced: row.passphraseHash !== null },
    });
  });
}
