import Link from "next/link";
import type { RecipientUser } from "@/lib/admin/search-recipient-users";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

/** The recipient tab: a search by address (a GET form, so results can be bookmarked) and the matches. */
export function RecipientAccounts({ users, query, locale }: { users: RecipientUser[]; query: string; locale: Locale }) {
  const messages = getMessages(locale);
  const t = messages.users;
  const a = messages.adminUsers;
  return (
    <section aria-labelledby="recipients-heading" className="space-y-4">
      <h2 id="recipients-heading" className="sr-only">
        {a.tabs.recipients}
      </h2>
      <form method="get" action="/admin/users" role="search" className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <input type="hidden" name="tab" value="recipients" />
        <div className="grow space-y-1">
          <label htmlFor="recipient-query" className="block font-medium">
            {a.recipients.search}
          </label>
          <input
            id="recipient-query"
            name="q"
            type="search"
            defaultValue={query}
            data-testid="recipient-query"
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base"
          />
        </div>
        <button type="submit" data-testid="recipient-search" className="rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700">
          {a.recipients.searchSubmit}
        </button>
      </form>
      {users.length === 0 ? (
        <p className="text-ink-600" data-testid="recipients-empty">
          {a.recipients.empty}
        </p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {users.map((user) => (
              <li key={user.id} data-testid="recipient-row" data-state={user.state} className="grid gap-1 px-4 py-3 sm:grid-cols-[minmax(0,5fr)_10rem_minmax(0,4fr)] sm:items-center sm:gap-4">
                <Link href={`/admin/users/${user.id}`} aria-label={a.open(user.email)} className="font-medium wrap-anywhere">
                  {user.email}
                </Link>
                <span className="text-sm">{t.states[user.state]}</span>
                <span className="text-sm text-ink-600">
                  {a.lastSignIn}: {user.lastSignInAt ? <time dateTime={user.lastSignInAt.toISOString()}>{formatDateTime(user.lastSignInAt, locale)}</time> : a.never}
                </span>
              </li>
            ))}
          </ul>
          {users.length >= 50 && <p className="text-sm text-ink-600">{a.recipients.limitNote}</p>}
        </>
      )}
    </section>
  );
}
