import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { parseWebhookEvents, type WebhookEvent } from "@/lib/webhooks/webhook-events";

export type WebhookDeliveryView = {
  id: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
};

export type WebhookView = {
  id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
  ownerEmail: string;
  ownedByActor: boolean;
  recentDeliveries: WebhookDeliveryView[];
};

const RECENT = 10;

/** The webhooks `actor` manages (their own; every one for admins) with recent deliveries. Never the secret. */
export async function listWebhooks(actor: Actor): Promise<WebhookView[]> {
  assertRole(actor, ["admin", "sender"], "webhooks");
  const rows = await getDb().webhook.findMany({
    where: actor.role === "admin" ? {} : { ownerUserId: actor.id },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      events: true,
      active: true,
      createdAt: true,
      ownerUserId: true,
      owner: { select: { email: true } },
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: RECENT,
        select: { id: true, event: true, status: true, attempts: true, lastStatusCode: true, lastError: true, createdAt: true, deliveredAt: true },
      },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    events: parseWebhookEvents(row.events),
    active: row.active,
    createdAt: row.createdAt,
    ownerEmail: row.owner.email,
    ownedByActor: row.ownerUserId === actor.id,
    recentDeliveries: row.deliveries.map((delivery) => ({
      ...delivery,
      status: delivery.status === "delivered" || delivery.status === "failed" ? delivery.status : "pending",
    })),
  }));
}
