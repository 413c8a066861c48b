import { getClientIp } from "@/lib/auth/get-client-ip";
import { AccessDeniedError } from "@/lib/auth/roles";
import { apiError } from "@/lib/intake/api-response";
import { authenticateWebhookApi } from "@/lib/webhooks/authenticate-webhook-api";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** DELETE /api/v1/webhooks/:id: the owner's (or an admin's) webhook and its history; 404 for anyone else. */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await authenticateWebhookApi(request);
  if ("response" in auth) return auth.response;
  const { id } = await context.params;
  try {
    await deleteWebhook(auth.actor, id.slice(0, 64), { sourceIp: getClientIp(request.headers) });
  } catch (error) {
    if (error instanceof AccessDeniedError) return apiError(404, "not-found", "There is no webhook with this id among yours.");
    throw error;
  }
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
