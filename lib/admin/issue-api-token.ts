import { apiTokenNameSchema } from "@/lib/admin/api-token-schemas";
import { findTokenHolder } from "@/lib/admin/find-token-holder";
import { UserAdminError } from "@/lib/admin/user-admin-error";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Actor } from "@/lib/auth/roles";

/**
 * Issues an API token for `userId` (the actor themselves, or anyone for an admin), audited as
 * `api_token.created` with the actor who asked (lib/auth/api-tokens.ts). The plaintext is returned once.
 * @throws ZodError for a bad name; UserAdminError "deactivated" / "no-tokens-for-role"; AccessDeniedError.
 */
export async function issueApiToken(actor: Actor, userId: string, name: string, ctx: { sourceIp?: string | null } = {}): Promise<{ token: string; id: string }> {
  const tokenName = apiTokenNameSchema.parse(name);
  const holder = await findTokenHolder(actor, userId, ctx);
  if (holder.deactivatedAt) throw new UserAdminError("deactivated");
  return createApiToken(holder.id, tokenName, { type: "user", id: actor.id });
}
