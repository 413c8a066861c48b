import Link from "next/link";
import { StateChip } from "@/app/(sender)/sent/state-chip";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { SentMessageItem } from "@/lib/portal/sender/list-sent-messages";

/** One sent message: subject (for its sender), when, and a chip per recipient; links to the timeline. */
export function SentMessageCard({ message, t, locale, showSender }: { message: SentMessageItem; t: Messages["sent"]; locale: Locale; showSender: boolean }) {
  const sentAt = formatDateTime(message.createdAt, locale);
  const subject =
    message.subject.state === "shown" ? message.subject.text || t.noSubject : message.subject.state === "deleted" ? t.subjectDeleted : t.subjectHidden;
  return (
    <article data-testid="sent-message" data-message-id={message.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 className={`min-w-0 font-semibold wrap-anywhere ${message.subject.state === "shown" ? "" : "text-ink-600 italic"}`} data-testid="sent-subject">
          {subject}
        </h2>
        <p className="text-sm text-ink-600">
          <time dateTime={message.createdAt.toISOString()}>{sentAt}</time>
        </p>
      </div>
      {showSender && (
        <p className="text-sm text-ink-600">
          {t.from}: <span className="wrap-anywhere">{message.fromAddress}</span>
        </p>
      )}
      <ul aria-label={t.recipients} className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-4">
        {message.recipients.map((recipient) => (
          <li key={recipient.id} className="flex min-w-0 flex-wrap items-center gap-2">
            <span className="min-w-0 text-sm wrap-anywhere">{recipient.address}</span>
            <StateChip state={recipient.state} label={t.states[recipient.state]} />
          </li>
        ))}
      </ul>
      <p className="text-sm">
        <Link href={`/sent/${message.id}`} aria-label={t.viewTimelineLabel(sentAt)} data-testid="timeline-link">
          {t.viewTimeline}
        </Link>
      </p>
    </article>
  );
}
