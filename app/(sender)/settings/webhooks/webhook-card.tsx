import { deleteWebhookAction, sendTestEventAction, setWebhookActiveAction } from "@/app/(sender)/settings/webhooks/actions";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { WebhookView } from "@/lib/webhooks/list-webhooks";
import { describeWebhookUrl } from "@/lib/webhooks/describe-webhook-url";
import { isWebhookEvent } from "@/lib/webhooks/webhook-events";

const STATUS_STYLES = {
  pending: "bg-slate-100 text-slate-800 ring-slate-300",
  delivered: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  failed: "bg-red-50 text-red-900 ring-red-300",
} as const;

const SECONDARY_BUTTON = "rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60";

/** One webhook: its address, events, actions and the last deliveries with their status. */
export function WebhookCard({ webhook, t, locale, showOwner }: { webhook: WebhookView; t: Messages["webhooks"]; locale: Locale; showOwner: boolean }) {
  const shownUrl = describeWebhookUrl(webhook.url);
  const headingId = `webhook-${webhook.id}`;
  return (
    <section aria-labelledby={headingId} data-testid="webhook" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <h3 id={headingId} className="font-semibold wrap-anywhere" data-testid="webhook-url">
            {shownUrl}
          </h3>
          <p className="text-sm text-ink-600">
            {t.createdAt(formatDateTime(webhook.createdAt, locale))}
            {showOwner && ` · ${t.owner(webhook.ownerEmail)}`}
          </p>
        </div>
        <span
          data-testid="webhook-state"
          className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${webhook.active ? STATUS_STYLES.delivered : STATUS_STYLES.pending}`}
        >
          {webhook.active ? t.active : t.paused}
        </span>
      </div>
      <p className="text-sm">
        <span className="font-medium">{t.subscribed}: </span>
        {webhook.events.map((event) => t.events[event]).join(", ")}
      </p>
      <div className="flex flex-wrap gap-2">
        <form action={sendTestEventAction}>
          <input type="hidden" name="webhookId" value={webhook.id} />
          <button type="submit" className={SECONDARY_BUTTON} aria-label={t.sendTestLabel(shownUrl)} data-testid="send-test" disabled={!webhook.active}>
            {t.sendTest}
          </button>
        </form>
        <form action={setWebhookActiveAction}>
          <input type="hidden" name="webhookId" value={webhook.id} />
          <input type="hidden" name="active" value={webhook.active ? "false" : "true"} />
          <button type="submit" className={SECONDARY_BUTTON} aria-label={webhook.active ? t.pauseLabel(shownUrl) : t.resumeLabel(shownUrl)} data-testid="toggle-webhook">
            {webhook.active ? t.pause : t.resume}
          </button>
        </form>
        <form action={deleteWebhookAction}>
          <input type="hidden" name="webhookId" value={webhook.id} />
          <button
            type="submit"
            className="rounded-md border border-red-700 bg-white px-3 py-2 text-sm font-medium text-red-800 hover:bg-red-50"
            aria-label={t.removeLabel(shownUrl)}
            data-testid="delete-webhook"
          >
            {t.remove}
          </button>
        </form>
      </div>
      <div className="space-y-2">
        <h4 id={`${headingId}-recent`} className="font-medium">
          {t.recent}
        </h4>
        {webhook.recentDeliveries.length === 0 ? (
          <p className="text-sm text-ink-600">{t.noDeliveries}</p>
        ) : (
          // Focusable so keyboard users can scroll the table sideways on narrow screens.
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby={`${headingId}-recent`}>
            <table className="w-full text-left text-sm" data-testid="webhook-deliveries">
              <thead>
                <tr className="border-b border-slate-200 text-ink-600">
                  <th scope="col" className="py-1 pr-3 font-medium">{t.eventColumn}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t.statusColumn}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t.attemptsColumn}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t.codeColumn}</th>
                  <th scope="col" className="py-1 font-medium">{t.timeColumn}</th>
                </tr>
              </thead>
              <tbody>
                {webhook.recentDeliveries.map((delivery) => (
                  <tr key={delivery.id} data-testid="webhook-delivery" data-status={delivery.status} className="border-b border-slate-100 align-top">
                    <td className="py-1 pr-3">{isWebhookEvent(delivery.event) ? t.events[delivery.event] : t.testEvent}</td>
                    <td className="py-1 pr-3">
                      <span className={`inline-block rounded-full px-2 py-0.5 ring-1 ring-inset ${STATUS_STYLES[delivery.status]}`}>{t.deliveryStatus[delivery.status]}</span>
                    </td>
                    <td className="py-1 pr-3">{delivery.attempts}</td>
                    <td className="py-1 pr-3" title={delivery.lastError ?? undefined}>
                      {delivery.lastStatusCode ?? (delivery.attempts > 0 ? t.noCode : "—")}
                    </td>
                    <td className="py-1 whitespace-nowrap">
                      <time dateTime={delivery.createdAt.toISOString()}>{formatDateTime(delivery.createdAt, locale)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
