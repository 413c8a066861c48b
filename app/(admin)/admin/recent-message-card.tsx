import Link from "next/link";
import { StatusBadge } from "@/app/_components/status-badge";
import type { RecentMessage } from "@/lib/admin/list-recent-messages";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

/** One message on the dashboard: who sent it, when, and each recipient's outcome with the TLS used. */
export async function RecentMessageCard({ message }: { message: RecentMessage }) {
  const locale = await getRequestLocale();
  const t = getMessages(locale);
  return (
    <article data-testid="recent-message" className="rounded-lg border border-slate-200 bg-white">
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-slate-100 px-4 py-3">
        <p className="min-w-0 font-medium wrap-anywhere">{message.fromAddress}</p>
        <p className="text-sm text-ink-600">
          <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt, locale)}</time> · {message.source}
        </p>
      </header>
      <ul className="divide-y divide-slate-100">
        {message.recipients.map((recipient) => (
          <li key={recipient.id} className="grid gap-1 px-4 py-3 sm:grid-cols-[minmax(0,5fr)_11rem_minmax(0,4fr)] sm:items-center sm:gap-4">
            <span className="min-w-0 wrap-anywhere">{recipient.address}</span>
            <span>
              <StatusBadge status={recipient.status} />
            </span>
            <span className="min-w-0 text-sm text-ink-600">
              {recipient.tlsProtocol
                ? `${recipient.tlsProtocol} · ${recipient.tlsCipher ?? t.common.none}`
                : recipient.outcomeClass
                  ? describeFailureClass(recipient.outcomeClass, locale)
                  : t.common.none}
            </span>
          </li>
        ))}
      </ul>
      <footer className="px-4 py-2 text-sm">
        <Link href={`/sent/${message.id}`} aria-label={t.admin.viewMessage(message.id)}>
          {t.admin.details}
        </Link>
      </footer>
    </article>
  );
}
