import { getActor } from "@/lib/auth/get-actor";
import { hasRole, type Actor } from "@/lib/auth/roles";
import { apiError } from "@/lib/intake/api-response";
import { authenticateApiRequest } from "@/lib/intake/authenticate-api-request";

/** The API token's user as an actor, when they may manage webhooks (senders and admins); else the answer. */
export async function authenticateWebhookApi(request: Request): Promise<{ actor: Actor } | { response: Response }> {
  const auth = await authenticateApiRequest(request);
  if ("response" in auth) return auth;
  const actor = await getActor(auth.token.userId);
  if (!actor || !hasRole(actor, ["admin", "sender"])) {
    return { response: apiError(403, "forbidden", "Only senders and administrators can manage webhooks.") };
  }
  return { actor };
}
