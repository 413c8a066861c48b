import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";

/** A plain GET form: the search works without script and the query stays in this tab's address bar only. */
export function InboxSearch({ query, t }: { query: string; t: Messages["inbox"] }) {
  return (
    <form method="get" action="/inbox" role="search" className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1 space-y-1">
        <label htmlFor="inbox-q" className="block font-medium">
          {t.searchLabel}
        </label>
        <input
          id="inbox-q"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={200}
          data-testid="inbox-search"
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base"
        />
      </div>
      <button type="submit" data-testid="inbox-search-submit" className="rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700">
        {t.searchSubmit}
      </button>
      {query && (
        <Link href="/inbox" className="py-2.5 text-sm">
          {t.clearSearch}
        </Link>
      )}
    </form>
  );
}
