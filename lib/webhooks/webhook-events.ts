// The closed list of events a webhook can subscribe to; each is sent as `message.<event>`.
export const WEBHOOK_EVENTS = ["delivered", "escrowed", "notified", "opened", "replied", "revoked", "expired", "bounced"] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(name: string): name is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(name);
}

/** Parses the comma-separated `Webhook.events` column, dropping names this version does not know. */
export function parseWebhookEvents(column: string): WebhookEvent[] {
  return column
    .split(",")
    .map((name) => name.trim())
    .filter(isWebhookEvent);
}
