import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type DevMailboxSummary = { id: string; envelopeFrom: string; envelopeTo: string; subject: string; createdAt: Date };

/** Captured notifications, newest first. Admin only. */
export async function listDevMailbox(actor: Actor, limit = 100): Promise<DevMailboxSummary[]> {
  assertRole(actor, ["admin"], "dev mailbox");
  return getDb().devMailboxMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, envelopeFrom: true, envelopeTo: true, subject: true, createdAt: true },
  });
}
