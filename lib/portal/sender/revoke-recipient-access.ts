import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { AccessContext } from "@/lib/portal/require-message-access";
import { requireOwnRecipient } from "@/lib/portal/sender/require-own-recipient";
import { recordSenderAction } from "@/lib/portal/sender/record-sender-action";
import { SenderActionError } from "@/lib/portal/sender/sender-action-error";
import { recipientRefSchema } from "@/lib/portal/sender/sender-action-schema";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

/**
 * Ends the recipient's portal access at once, even after they read the message: the access gate refuses a
 * revoked row on every request, and unused links stop working now. Audited (`recipient.revoked`) and reported
 * to webhooks (`revoked`) in the same transaction. Revocation is final: there is no un-revoke.
 * @throws AccessDeniedError (audited) for anyone but the sender; SenderActionError for a recipient that is not
 *   in the portal or is already revoked.
 */
export async function revokeRecipientAccess(
  actor: Actor,
  input: { messageId: string; recipientId: string },
  ctx: AccessContext = {},
): Promise<void> {
  const ref = recipientRefSchema.parse(input);
  await requireOwnRecipient(actor, ref, ctx);
  const now = ctx.now ?? new Date();
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.recipient.updateMany({
      where: { id: ref.recipientId, status: "escrowed", revokedAt: null },
      data: { revokedAt: now },
    });
    if (count !== 1) {
      const row = await tx.recipient.findUniqueOrThrow({ where: { id: ref.recipientId }, select: { status: true } });
      throw new SenderActionError(row.status === "escrowed" ? "already-revoked" : "not-escrowed");
    }
    const tokens = await tx.accessToken.updateMany({
      where: { recipientId: ref.recipientId, purpose: "portal-access", consumedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const row = await tx.recipient.findUniqueOrThrow({ where: { id: ref.recipientId }, select: { firstViewedAt: true } });
    await recordSenderAction(tx, {
      type: "recipient.revoked",
      actor,
      ref,
      ctx,
      data: { afterFirstView: row.firstViewedAt !== null, linksExpired: tokens.count },
    });
    await emitWebhookEvent(tx, { event: "revoked", messageId: ref.messageId, recipientId: ref.recipientId });
  });
}
