import { z } from "zod";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { apiError, apiJson } from "@/lib/intake/api-response";
import { authenticateWebhookApi } from "@/lib/webhooks/authenticate-webhook-api";
import { WebhookTargetError } from "@/lib/webhooks/check-webhook-target";
import { createWebhook, WebhookLimitError } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const createSchema = z.object({
  url: z.string().trim().min(1).max(2048),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).default([...WEBHOOK_EVENTS]),
});

/** GET /api/v1/webhooks: the caller's webhooks (every one for admins) with recent deliveries; never secrets. */
export async function GET(request: Request): Promise<Response> {
  const auth = await authenticateWebhookApi(request);
  if ("response" in auth) return auth.response;
  const webhooks = await listWebhooks(auth.actor);
  return apiJson(200, {
    webhooks: webhooks.map(({ ownedByActor, ...webhook }) => ({ ...webhook, ownedByCaller: ownedByActor })),
  });
}

/** POST /api/v1/webhooks {url, events?}: registers an endpoint; the answer holds its secret, the only time. */
export async function POST(request: Request): Promise<Response> {
  const auth = await authenticateWebhookApi(request);
  if ("response" in auth) return auth.response;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid-json", "Send a JSON body such as {\"url\": \"https://hooks.example.com/sealpost\", \"events\": [\"delivered\"]}.");
  }
  const parsed = createSchema.safeParse(body);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "body"), issue.message]));
    return apiError(422, "invalid-webhook", `Fix the fields listed: "events" may hold ${WEBHOOK_EVENTS.join(", ")}.`, fields);
  }
  try {
    const { id, secret } = await createWebhook(auth.actor, parsed.data, { sourceIp: getClientIp(request.headers) });
    return apiJson(201, { id, url: parsed.data.url, events: parsed.data.events, secret });
  } catch (error) {
    if (error instanceof WebhookTargetError) return apiError(422, error.code, error.message);
    if (error instanceof WebhookLimitError) return apiError(409, "limit", error.message);
    throw error;
  }
}
