import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { RETENTION_ROLES } from "@/lib/retention/require-retention-role";
import { effectiveRetentionEnd } from "@/lib/retention/retention-due-where";
import { getRetentionDefaults } from "@/lib/retention/retention-settings";

export type MessageRetentionView = {
  messageId: string;
  createdAt: Date;
  /** The message's own override, if any. */
  retainUntil: Date | null;
  /** When the content is due for shredding; null = kept until someone sets a date. */
  effectiveEnd: Date | null;
  /** Where effectiveEnd comes from: the override, the organisation's default, or nowhere (kept forever). */
  source: "override" | "default" | "forever";
  /** The organisation's default period, for the explanation. */
  retentionDays: number | null;
  legalHold: boolean;
  legalHoldReason: string | null;
  shreddedAt: Date | null;
  /** A recipient is still queued, so shredding by hand must wait. */
  deliveryPending: boolean;
};

/** A message's retention state for the compliance story page (admin and compliance only); null if none. */
export async function getMessageRetention(actor: Actor, messageId: string): Promise<MessageRetentionView | null> {
  assertRole(actor, RETENTION_ROLES, `message:${messageId}:retention`);
  const [message, defaults, queued] = await Promise.all([
    getDb().message.findUnique({
      where: { id: messageId },
      select: { id: true, createdAt: true, retainUntil: true, legalHold: true, legalHoldReason: true, shreddedAt: true },
    }),
    getRetentionDefaults(),
    getDb().recipient.count({ where: { messageId, status: "queued" } }),
  ]);
  if (!message) return null;
  return {
    messageId: message.id,
    createdAt: message.createdAt,
    retainUntil: message.retainUntil,
    effectiveEnd: effectiveRetentionEnd(message, defaults.retentionDays),
    source: message.retainUntil ? "override" : defaults.retentionDays === null ? "forever" : "default",
    retentionDays: defaults.retentionDays,
    legalHold: message.legalHold,
    legalHoldReason: message.legalHoldReason,
    shreddedAt: message.shreddedAt,
    deliveryPending: queued > 0,
  };
}
