import { findTokenHolder } from "@/lib/admin/find-token-holder";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type ApiTokenView = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

/** The API tokens of `userId` (the actor's own, or anyone's for an admin), newest first. Never the hash. */
export async function listApiTokens(actor: Actor, userId: string): Promise<ApiTokenView[]> {
  const holder = await findTokenHolder(actor, userId);
  return getDb().apiToken.findMany({
    where: { userId: holder.id },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 200,
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}
