import Link from "next/link";
import type { ReactNode } from "react";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/event-types";
import { AUDIT_OUTCOMES, isFiltered, toLocalDateTimeValue, type AuditFilter } from "@/lib/compliance/audit-filter";
import type { Messages } from "@/lib/i18n/messages";

const input = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2";

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-ink-600">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

/** A plain GET form: filters live in the URL, so they survive reloads, back buttons and bookmarks. */
export function AuditFiltersForm({ filter, t }: { filter: AuditFilter; t: Messages["compliance"] }) {
  const f = t.search.filters;
  // The closed vocabulary in plain words, alphabetically, each with its code for people who know them.
  const types = AUDIT_EVENT_TYPES.map((type) => ({ type, label: t.eventTypes[type] ?? type })).sort((a, b) => a.label.localeCompare(b.label));
  return (
    <form method="get" action="/compliance" role="search" aria-label={f.heading} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
      <Field id="filter-from" label={f.from}>
        <input id="filter-from" name="from" type="datetime-local" defaultValue={toLocalDateTimeValue(filter.from)} data-testid="filter-from" className={input} />
      </Field>
      <Field id="filter-to" label={f.to}>
        <input id="filter-to" name="to" type="datetime-local" defaultValue={toLocalDateTimeValue(filter.to)} data-testid="filter-to" className={input} />
      </Field>
      <Field id="filter-type" label={f.type}>
        <select id="filter-type" name="type" defaultValue={filter.type ?? ""} data-testid="filter-type" className={input}>
          <option value="">{f.anyType}</option>
          {types.map(({ type, label }) => (
            <option key={type} value={type}>
              {label} ({type})
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-outcome" label={f.outcome}>
        <select id="filter-outcome" name="outcome" defaultValue={filter.outcome ?? ""} data-testid="filter-outcome" className={input}>
          <option value="">{f.anyOutcome}</option>
          {AUDIT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t.search.outcomes[outcome]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-actor" label={f.actor} hint={f.actorHint}>
        <input id="filter-actor" name="actor" type="search" defaultValue={filter.actor ?? ""} aria-describedby="filter-actor-hint" autoComplete="off" data-testid="filter-actor" className={input} />
      </Field>
      <Field id="filter-sender" label={f.sender}>
        <input id="filter-sender" name="sender" type="search" defaultValue={filter.sender ?? ""} autoComplete="off" data-testid="filter-sender" className={input} />
      </Field>
      <Field id="filter-recipient" label={f.recipient}>
        <input id="filter-recipient" name="recipient" type="search" defaultValue={filter.recipient ?? ""} autoComplete="off" data-testid="filter-recipient" className={input} />
      </Field>
      <Field id="filter-message" label={f.messageId}>
        <input id="filter-message" name="messageId" type="search" defaultValue={filter.messageId ?? ""} autoComplete="off" spellCheck={false} data-testid="filter-message" className={`${input} font-mono`} />
      </Field>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
        <button type="submit" data-testid="apply-filters" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {f.apply}
        </button>
        {isFiltered(filter) && <Link href="/compliance">{f.clear}</Link>}
      </div>
    </form>
  );
}
