import Link from "next/link";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Messages } from "@/lib/i18n/messages";
import type { InboxItem } from "@/lib/portal/inbox/list-inbox";

function subjectText(item: InboxItem, t: Messages["inbox"]): string {
  if (item.subject === null) return t.subjectUnavailable;
  return item.subject.trim() || t.noSubject;
}

/**
 * One row per message: sender, subject, sent time and availability. Unread rows are bold with an "Unread" label
 * (not colour alone); withdrawn and expired rows are greyed and say why. Links are not prefetched: opening a
 * message is the reader's decision.
 */
export function InboxList({ items, t }: { items: InboxItem[]; t: Messages["inbox"] }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="inbox-list">
      {items.map((item) => {
        const closed = item.state !== "open";
        return (
          <li key={item.recipientId} data-testid="inbox-item" data-unread={item.unread} data-state={item.state}>
            <Link
              href={`/inbox/${item.recipientId}`}
              prefetch={false}
              className={`block space-y-1 p-4 no-underline hover:bg-slate-50 ${closed ? "text-slate-600" : "text-ink-900"}`}
            >
              <span className="flex flex-wrap items-baseline justify-between gap-x-4">
                <span className={`wrap-anywhere ${item.unread && !closed ? "font-bold" : "font-medium"}`} data-testid="inbox-sender">
                  {item.unread && !closed && (
                    <span className="mr-2 inline-block rounded-full bg-brand-600 px-2 py-0.5 text-xs font-semibold text-white">{t.unread}</span>
                  )}
                  {item.senderName}
                </span>
                <time dateTime={item.sentAt.toISOString()} className="text-sm text-ink-600">
                  {formatDateTime(item.sentAt)}
                </time>
              </span>
              <span className={`block wrap-anywhere ${item.unread && !closed ? "font-semibold" : ""}`} data-testid="inbox-subject">
                {subjectText(item, t)}
              </span>
              <span className="block text-sm text-ink-600">
                {item.state === "revoked"
                  ? t.revoked
                  : item.state === "expired"
                    ? t.expired
                    : `${t.expires}: ${item.expiresAt ? formatDateTime(item.expiresAt) : t.noExpiry}`}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
