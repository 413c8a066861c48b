import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { enqueueJob } from "@/lib/queue/enqueue-job";
import type { AccessContext } from "@/lib/portal/require-message-access";
import { requireOwnRecipient } from "@/lib/portal/sender/require-own-recipient";
import { recordSenderAction } from "@/lib/portal/sender/record-sender-action";
import { SenderActionError } from "@/lib/portal/sender/sender-action-error";
import { recipientRefSchema } from "@/lib/portal/sender/sender-action-schema";

// One resend per recipient per five minutes: enough for "it went to spam", too slow to flood a mailbox.
export const RESEND_INTERVAL_MS = 5 * 60_000;

/**
 * Sends the recipient a fresh notification with a new link (the job retires the old one). The sender's request,
 * the job and the audit event (`notification.resent`) commit together, so a crash never loses the resend.
 * @throws AccessDeniedError (audited) for anyone but the sender; SenderActionError when access has ended, the
 *   recipient is not in the portal, or the last resend was under five minutes ago.
 */
export async function resendNotification(
  actor: Actor,
  input: { messageId: string; recipientId: string },
  ctx: AccessContext = {},
): Promise<void> {
  const ref = recipientRefSchema.parse(input);
  await requireOwnRecipient(actor, ref, ctx);
  const now = ctx.now ?? new Date();
  await getDb().$transaction(async (tx) => {
    // Clearing notifiedAt is what lets the notify job send again (it skips recipients already told). The write
    // comes first so that, on PostgreSQL, it holds the row lock while the rate limit is checked: two clicks at
    // once cannot both pass.
    const { count } = await tx.recipient.updateMany({
      where: { id: ref.recipientId, status: "escrowed", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      data: { notifiedAt: null },
    });
    if (count !== 1) {
      const row = await tx.recipient.findUniqueOrThrow({ where: { id: ref.recipientId }, select: { status: true } });
      throw new SenderActionError(row.status === "escrowed" ? "access-ended" : "not-escrowed");
    }
    const last = await tx.auditEvent.findFirst({
      where: { type: "notification.resent", recipientId: ref.recipientId, at: { gt: new Date(now.getTime() - RESEND_INTERVAL_MS) } },
      orderBy: { seq: "desc" },
      select: { at: true },
    });
    // Throwing rolls the cleared notifiedAt back with everything else.
    if (last) throw new SenderActionError("rate-limited", new Date(last.at.getTime() + RESEND_INTERVAL_MS));
    await enqueueJob(tx, { kind: "notify-recipient", recipientId: ref.recipientId, messageId: ref.messageId, payload: { resend: true } });
    await recordSenderAction(tx, { type: "notification.resent", actor, ref, ctx });
  });
}
