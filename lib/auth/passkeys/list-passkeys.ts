import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

/** The actor's own passkeys, newest first; keys and credential ids stay in the database. */
export async function listPasskeys(actor: Actor): Promise<PasskeySummary[]> {
  return getDb().passkey.findMany({
    where: { userId: actor.id },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "desc" },
  });
}
