import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { requireSenderAccess, type AccessContext } from "@/lib/portal/require-message-access";

export type RecipientRef = { messageId: string; recipientId: string };

/**
 * Gate for the sender's actions (resend, revoke, re-date, passphrase): the actor sent the message (portal rule
 * (b); an admin who did not send it may look but not act) and the recipient belongs to that message, so a
 * tampered recipient id from another message is refused too. Refusals are audited and thrown as
 * AccessDeniedError, which callers answer with a 404.
 */
export async function requireOwnRecipient(actor: Actor, ref: RecipientRef, ctx: AccessContext = {}): Promise<void> {
  await requireSenderAccess(actor, ref.messageId, ctx);
  const recipient = await getDb().recipient.findFirst({ where: { id: ref.recipientId, messageId: ref.messageId }, select: { id: true } });
  if (recipient) return;
  const resource = `recipient:${ref.recipientId}`;
  await recordAccessDenied({ actor, resource, reason: "not-in-message", messageId: ref.messageId, sourceIp: ctx.sourceIp });
  throw new AccessDeniedError(actor.id, resource);
}
