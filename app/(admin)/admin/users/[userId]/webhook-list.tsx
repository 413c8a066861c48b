import { setWebhookActiveAction } from "@/app/(admin)/admin/users/[userId]/actions";
import type { UserWebhook } from "@/lib/admin/list-user-webhooks";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

/** The account's webhooks with their state and last delivery; each can be paused or resumed. */
export function WebhookList({ userId, webhooks, locale }: { userId: string; webhooks: UserWebhook[]; locale: Locale }) {
  const messages = getMessages(locale);
  const t = messages.adminUsers.detail;
  const statuses = messages.webhooks.deliveryStatus as Record<string, string>;
  if (webhooks.length === 0) return <p className="text-ink-600">{t.webhooksNone}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {webhooks.map((webhook) => (
        <li key={webhook.id} data-testid="user-webhook" data-active={webhook.active} className="grid gap-2 px-4 py-3 sm:grid-cols-[minmax(0,5fr)_minmax(0,4fr)_auto] sm:items-center sm:gap-4">
          <div className="min-w-0">
            <p className="font-medium wrap-anywhere">{webhook.url}</p>
            <p className="text-sm text-ink-600">{webhook.active ? t.webhookActive : t.webhookPaused}</p>
          </div>
          <p className="text-sm text-ink-600">
            {webhook.lastDelivery
              ? t.webhookLast(statuses[webhook.lastDelivery.status] ?? webhook.lastDelivery.status, formatDateTime(webhook.lastDelivery.createdAt, locale))
              : t.webhookNoDeliveries}
          </p>
          <form action={setWebhookActiveAction}>
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="webhookId" value={webhook.id} />
            <input type="hidden" name="active" value={webhook.active ? "false" : "true"} />
            <button
              type="submit"
              aria-label={webhook.active ? t.pauseLabel(webhook.url) : t.resumeLabel(webhook.url)}
              data-testid="webhook-toggle"
              className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 sm:w-auto"
            >
              {webhook.active ? t.pause : t.resume}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
