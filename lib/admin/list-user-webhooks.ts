import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { describeWebhookUrl } from "@/lib/webhooks/describe-webhook-url";
import { parseWebhookEvents, type WebhookEvent } from "@/lib/webhooks/webhook-events";

export type UserWebhook = {
  id: string;
  /** Without the query string (lib/webhooks/describe-webhook-url.ts). */
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
  /** The newest delivery's status, if any was made. */
  lastDelivery: { status: string; createdAt: Date; lastStatusCode: number | null } | null;
};

/** The webhooks one account owns, for the admin's account page. Never the secret. Admin only. */
export async function listUserWebhooks(actor: Actor, userId: string): Promise<UserWebhook[]> {
  assertRole(actor, ["admin"], "webhooks");
  const rows = await getDb().webhook.findMany({
    where: { ownerUserId: userId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      events: true,
      active: true,
      createdAt: true,
      deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, createdAt: true, lastStatusCode: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    url: describeWebhookUrl(row.url),
    events: parseWebhookEvents(row.events),
    active: row.active,
    createdAt: row.createdAt,
    lastDelivery: row.deliveries[0] ?? null,
  }));
}
