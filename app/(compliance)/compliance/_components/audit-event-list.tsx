import Link from "next/link";
import type { ReactNode } from "react";
import { OutcomeChip } from "@/app/(compliance)/compliance/_components/outcome-chip";
import { summarizeAuditData } from "@/lib/compliance/summarize-audit-data";
import type { AuditEventView } from "@/lib/compliance/to-audit-event-views";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

// Six columns from the `lg` breakpoint; on phones each event is a stack of labelled lines. The labels stay in
// the markup on wide screens (visually hidden), so a screen reader hears "Actor: …" either way.
const GRID = "lg:grid lg:grid-cols-[4.5rem_9.5rem_minmax(0,2fr)_minmax(0,2fr)_6rem_minmax(0,1.5fr)] lg:gap-3";

function Cell({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={`min-w-0 wrap-anywhere ${className}`}>
      <span className="text-ink-600 lg:sr-only">{label}: </span>
      {children}
    </div>
  );
}

/** Audit events as rows: number, time, what happened in words, who, outcome, message link and a data summary. */
export function AuditEventList({ events, locale, linkMessages = true }: { events: AuditEventView[]; locale: Locale; linkMessages?: boolean }) {
  const messages = getMessages(locale);
  const t = messages.compliance.search;
  const words = messages.compliance.eventTypes;
  return (
    <div className="rounded-lg border border-slate-200 bg-white text-sm">
      <div aria-hidden="true" className={`hidden border-b border-slate-200 px-4 py-2 font-medium text-ink-600 ${GRID}`}>
        <span>{t.columns.seq}</span>
        <span>{t.columns.time}</span>
        <span>{t.columns.event}</span>
        <span>{t.columns.actor}</span>
        <span>{t.columns.outcome}</span>
        <span>{t.columns.message}</span>
      </div>
      <ol className="divide-y divide-slate-100">
        {events.map((event) => {
          const summary = summarizeAuditData(event.data);
          return (
            <li key={event.seq} data-testid="audit-event" data-seq={event.seq} data-type={event.type} className={`space-y-1 px-4 py-3 lg:space-y-0 ${GRID}`}>
              <Cell label={t.columns.seq}>
                <span className="font-mono">#{event.seq}</span>
              </Cell>
              <Cell label={t.columns.time}>
                <time dateTime={event.at.toISOString()}>{formatDateTime(event.at, locale)}</time>
              </Cell>
              <Cell label={t.columns.event}>
                <span className="font-medium" data-testid="event-type-words">
                  {words[event.type] ?? event.type}
                </span>{" "}
                <span className="font-mono text-xs text-ink-600">{event.type}</span>
              </Cell>
              <Cell label={t.columns.actor}>
                {t.actorTypes[event.actorType] ?? event.actorType}
                {(event.actorEmail ?? event.actorId) && <span className="block text-xs wrap-anywhere">{event.actorEmail ?? event.actorId}</span>}
                {event.sourceIp && <span className="block font-mono text-xs text-ink-600">{event.sourceIp}</span>}
              </Cell>
              <Cell label={t.columns.outcome}>
                <OutcomeChip outcome={event.outcome} label={t.outcomes[event.outcome] ?? event.outcome} />
              </Cell>
              <Cell label={t.columns.message}>
                {event.messageId ? (
                  linkMessages ? (
                    <Link href={`/compliance/messages/${event.messageId}`} aria-label={t.messageLink(event.messageId)} data-testid="event-message-link" className="font-mono text-xs">
                      {event.messageId}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">{event.messageId}</span>
                  )
                ) : (
                  messages.common.none
                )}
              </Cell>
              {summary && (
                <Cell label={t.columns.details} className="font-mono text-xs text-ink-600 lg:col-span-full">
                  <span data-testid="event-data">{summary}</span>
                </Cell>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
