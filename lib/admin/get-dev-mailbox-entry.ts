import type { DevMailboxSummary } from "@/lib/admin/list-dev-mailbox";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type DevMailboxEntry = DevMailboxSummary & { text: string; html: string };

/** One captured notification with its text and HTML bodies, or null. Admin only. */
export async function getDevMailboxEntry(actor: Actor, id: string): Promise<DevMailboxEntry | null> {
  assertRole(actor, ["admin"], "dev mailbox");
  return getDb().devMailboxMessage.findUnique({
    where: { id },
    select: { id: true, envelopeFrom: true, envelopeTo: true, subject: true, createdAt: true, text: true, html: true },
  });
}
