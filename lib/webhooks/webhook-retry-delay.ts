// Webhook retries: 1 min, 2, 4, … doubling, for about a day (11 tries); then the delivery is marked failed.
// Longer than job retries because a receiver that is down for maintenance should still get its events.

export const WEBHOOK_RETRY_BASE_MS = 60_000;
export const WEBHOOK_GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** Delay before retry number `attempts` + 1, given `attempts` failed tries so far. */
export function webhookRetryDelay(attempts: number, baseMs = WEBHOOK_RETRY_BASE_MS): number {
  return baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20);
}
