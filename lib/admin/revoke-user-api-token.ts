import { findTokenHolder } from "@/lib/admin/find-token-holder";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * Revokes one API token of the actor's own, or anyone's for an admin; audited as `api_token.revoked` with the
 * actor in the same transaction (lib/auth/api-tokens.ts). Revoking twice changes nothing. Returns the owner.
 * @throws AccessDeniedError for another sender's token or an unknown id (audited alike).
 */
export async function revokeUserApiToken(actor: Actor, tokenId: string, ctx: { sourceIp?: string | null } = {}): Promise<{ userId: string; revoked: boolean }> {
  const token = await getDb().apiToken.findUnique({ where: { id: tokenId }, select: { userId: true } });
  if (!token) {
    await recordAccessDenied({ actor, resource: `api-token:${tokenId.slice(0, 64)}`, reason: "not-found", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, "api token");
  }
  await findTokenHolder(actor, token.userId, ctx);
  const revoked = await revokeApiToken(tokenId, { type: "user", id: actor.id });
  return { userId: token.userId, revoked };
}
