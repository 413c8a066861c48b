import { getClientIp } from "@/lib/auth/get-client-ip";
import { getRouteActor } from "@/lib/auth/require-role";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import {
  RecipientAccessBlockedError,
  requireRecipientAccess,
  type RecipientAccess,
} from "@/lib/portal/require-message-access";

export type GatedRoute = { actor: Actor; access: RecipientAccess; sourceIp: string | null };

/**
 * The download routes' gate. Anything but an open message for the signed-in rightful recipient is null, which
 * the route answers with a bare 404: a download has no page to explain on, and the read page explains
 * revoked, expired and passphrase states.
 */
export async function gateRecipientRoute(request: Request, recipientId: string): Promise<GatedRoute | null> {
  const actor = await getRouteActor();
  if (!actor) return null;
  const sourceIp = getClientIp(request.headers);
  try {
    return { actor, access: await requireRecipientAccess(actor, recipientId, { sourceIp }), sourceIp };
  } catch (error) {
    if (error instanceof AccessDeniedError || error instanceof RecipientAccessBlockedError) return null;
    throw error;
  }
}

export function notFoundResponse(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
