import { getActor } from "@/lib/auth/get-actor";
import type { Actor } from "@/lib/auth/roles";
import { apiError } from "@/lib/intake/api-response";
import { authenticateApiRequest } from "@/lib/intake/authenticate-api-request";

/**
 * The API token's user as an actor; else the answer. Only senders and admins hold working tokens
 * (lib/auth/api-tokens.ts), and they are the ones who manage webhooks.
 */
export async function authenticateWebhookApi(request: Request): Promise<{ actor: Actor } | { response: Response }> {
  const auth = await authenticateApiRequest(request);
  if ("response" in auth) return auth;
  const actor = await getActor(auth.token.userId);
  if (!actor) return { response: apiError(401, "invalid-token", "The API token is unknown or revoked, or its user is deactivated or no longer a sender.") };
  return { actor };
}
