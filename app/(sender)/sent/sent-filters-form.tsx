import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";
import { RECIPIENT_STATES } from "@/lib/portal/sender/recipient-state";
import type { SentFilters } from "@/lib/portal/sender/sent-filters";

const day = (date: Date | undefined) => (date ? date.toISOString().slice(0, 10) : "");

const input = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2";

/** A plain GET form: filters live in the URL, so they survive reloads, back buttons and bookmarks. */
export function SentFiltersForm({ filters, t }: { filters: SentFilters; t: Messages["sent"] }) {
  const active = filters.status || filters.recipient || filters.from || filters.to;
  return (
    <form method="get" action="/sent" role="search" aria-label={t.filters.heading} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
      <div className="space-y-1">
        <label htmlFor="filter-status" className="block text-sm font-medium">
          {t.filters.status}
        </label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ""} data-testid="filter-status" className={input}>
          <option value="">{t.filters.anyStatus}</option>
          {RECIPIENT_STATES.map((state) => (
            <option key={state} value={state}>
              {t.states[state]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-recipient" className="block text-sm font-medium">
          {t.filters.recipient}
        </label>
        <input id="filter-recipient" name="recipient" type="search" defaultValue={filters.recipient ?? ""} data-testid="filter-recipient" className={input} />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-from" className="block text-sm font-medium">
          {t.filters.from}
        </label>
        <input id="filter-from" name="from" type="date" defaultValue={day(filters.from)} className={input} />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-to" className="block text-sm font-medium">
          {t.filters.to}
        </label>
        <input id="filter-to" name="to" type="date" defaultValue={day(filters.to)} className={input} />
      </div>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
        <button type="submit" data-testid="apply-filters" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {t.filters.apply}
        </button>
        {active && <Link href="/sent">{t.filters.clear}</Link>}
      </div>
    </form>
  );
}
