import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { loadMessageRetentionState } from "@/lib/retention/load-message-retention-state";
import { requireRetentionRole } from "@/lib/retention/require-retention-role";
import { RetentionError } from "@/lib/retention/retention-error";
import { DAY_MS } from "@/lib/retention/retention-settings";

// Far beyond any statutory retention period; a typo such as year 20250 is refused rather than stored.
const MAX_RETAIN_MS = 100 * 365 * DAY_MS;

export type RetentionContext = { sourceIp?: string | null; now?: Date };

/**
 * Sets (or, with null, clears) a message's own retention end, which overrides the organisation's default. The
 * date must lie in the future: to delete content at once, shred it (lib/retention/shred-message.ts). Admin and
 * compliance only; audited `retention.changed {scope: "message", before, after}` in the same transaction; no
 * change, no event. Returns the values before and after.
 * @throws AccessDeniedError (audited) for other roles; RetentionError for a missing or shredded message, a date
 *   out of range or a concurrent change.
 */
export async function setMessageRetention(
  actor: Actor,
  messageId: string,
  retainUntil: Date | null,
  ctx: RetentionContext = {},
): Promise<{ before: Date | null; after: Date | null }> {
  await requireRetentionRole(actor, `message:${messageId}:retention`, { ...ctx, messageId });
  const now = ctx.now ?? new Date();
  if (retainUntil !== null) {
    const time = retainUntil.getTime();
    if (Number.isNaN(time) || time <= now.getTime() || time > now.getTime() + MAX_RETAIN_MS) {
      throw new RetentionError("invalid-date", messageId);
    }
  }
  return getDb().$transaction(async (tx) => {
    const row = await loadMessageRetentionState(tx, messageId);
    if ((row.retainUntil?.getTime() ?? null) === (retainUntil?.getTime() ?? null)) return { before: row.retainUntil, after: retainUntil };
    // Compare-and-set on what was read: a shred or another change in between makes this one fail, not misreport.
    const { count } = await tx.message.updateMany({
      where: { id: messageId, shreddedAt: null, retainUntil: row.retainUntil },
      data: { retainUntil },
    });
    if (count !== 1) throw new RetentionError("changed-meanwhile", messageId);
    await recordAuditEvent(tx, {
      type: "retention.changed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      messageId,
      outcome: "success",
      data: {
        scope: "message",
        before: { retainUntil: row.retainUntil?.toISOString() ?? null },
        after: { retainUntil: retainUntil?.toISOString() ?? null },
      },
    });
    return { before: row.retainUntil, after: retainUntil };
  });
}
