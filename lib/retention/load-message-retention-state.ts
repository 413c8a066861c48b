import type { Tx } from "@/lib/db";
import { RetentionError } from "@/lib/retention/retention-error";

export type MessageRetentionRow = {
  id: string;
  createdAt: Date;
  retainUntil: Date | null;
  legalHold: boolean;
  legalHoldReason: string | null;
  shreddedAt: Date | null;
};

/**
 * The message's retention columns, read inside the caller's transaction. Refuses a missing message and, unless
 * `allowShredded`, a shredded one: once the content is gone there is nothing left to keep, hold or shred.
 */
export async function loadMessageRetentionState(tx: Tx, messageId: string, opts: { allowShredded?: boolean } = {}): Promise<MessageRetentionRow> {
  const row = await tx.message.findUnique({
    where: { id: messageId },
    select: { id: true, createdAt: true, retainUntil: true, legalHold: true, legalHoldReason: true, shreddedAt: true },
  });
  if (!row) throw new RetentionError("message-not-found", messageId);
  if (row.shreddedAt && !opts.allowShredded) throw new RetentionError("message-shredded", messageId);
  return row;
}
