import type { Prisma } from "@/generated/sqlite/client";
import { DAY_MS } from "@/lib/retention/retention-settings";

/**
 * Messages whose content is due for crypto-shredding at `now`: not yet shredded, and their effective retention
 * end (`retainUntil`, else `createdAt + retentionDays`) has passed. Legal hold is left to the caller: the job
 * shreds the unheld ones and counts the held ones. Both branches lead an index (retainUntil, createdAt).
 */
export function retentionDueWhere(now: Date, retentionDays: number | null): Prisma.MessageWhereInput {
  const due: Prisma.MessageWhereInput[] = [{ retainUntil: { lte: now } }];
  if (retentionDays !== null) {
    due.push({ retainUntil: null, createdAt: { lte: new Date(now.getTime() - retentionDays * DAY_MS) } });
  }
  return { shreddedAt: null, OR: due };
}

/** `retainUntil` where set, else `createdAt + retentionDays`; null when the message is kept forever. */
export function effectiveRetentionEnd(message: { retainUntil: Date | null; createdAt: Date }, retentionDays: number | null): Date | null {
  if (message.retainUntil) return message.retainUntil;
  return retentionDays === null ? null : new Date(message.createdAt.getTime() + retentionDays * DAY_MS);
}
