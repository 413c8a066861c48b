import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { AccessContext } from "@/lib/portal/require-message-access";
import { requireOwnRecipient } from "@/lib/portal/sender/require-own-recipient";
import { recordSenderAction } from "@/lib/portal/sender/record-sender-action";
import { SenderActionError } from "@/lib/portal/sender/sender-action-error";
import { changeExpirySchema } from "@/lib/portal/sender/sender-action-schema";

// A year is far beyond any retention a sender should need; ending access now is what revoking is for.
export const MAX_EXPIRY_MS = 365 * 86_400_000;

/**
 * Moves the end of the recipient's portal access to `expiresAt` (later or earlier; it must lie in the future
 * and within a year). Unused links that would outlive the new date end with it. Audited with the dates before
 * and after (`recipient.expiry_changed`). Extending an access that already expired opens it again.
 * @throws AccessDeniedError (audited) for anyone but the sender; SenderActionError for a date out of range or a
 *   recipient that is revoked or not in the portal.
 */
export async function changeRecipientExpiry(
  actor: Actor,
  input: { messageId: string; recipientId: string; expiresAt: Date },
  ctx: AccessContext = {},
): Promise<{ before: Date | null; after: Date }> {
  const { expiresAt: after, ...ref } = changeExpirySchema.parse(input);
  await requireOwnRecipient(actor, ref, ctx);
  const now = ctx.now ?? new Date();
  if (after <= now || after.getTime() > now.getTime() + MAX_EXPIRY_MS) throw new SenderActionError("invalid-expiry");
  return getDb().$transaction(async (tx) => {
    const row = await tx.recipient.findUniqueOrThrow({ where: { id: ref.recipientId }, select: { status: true, revokedAt: true, expiresAt: true } });
    if (row.status !== "escrowed") throw new SenderActionError("not-escrowed");
    if (row.revokedAt) throw new SenderActionError("already-revoked");
    // Compare-and-set on the date read above: a concurrent change makes this one fail instead of misreporting "before".
    const { count } = await tx.recipient.updateMany({
      where: { id: ref.recipientId, revokedAt: null, expiresAt: row.expiresAt },
      data: { expiresAt: after },
    });
    if (count !== 1) throw new SenderActionError("changed-meanwhile");
    await tx.accessToken.updateMany({
      where: { recipientId: ref.recipientId, purpose: "portal-access", consumedAt: null, expiresAt: { gt: after } },
      data: { expiresAt: after },
    });
    await recordSenderAction(tx, {
      type: "recipient.expiry_changed",
      actor,
      ref,
      ctx,
      data: { before: row.expiresAt?.toISOString() ?? null, after: after.toISOString() },
    });
    return { before: row.expiresAt, after };
  });
}
