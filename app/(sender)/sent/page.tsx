import type { Metadata } from "next";
import Link from "next/link";
import { SentFiltersForm } from "@/app/(sender)/sent/sent-filters-form";
import { SentMessageCard } from "@/app/(sender)/sent/sent-message-card";
import type { SearchParams } from "@/app/_components/page-props";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { listSentMessages } from "@/lib/portal/sender/list-sent-messages";
import { parseSentFilters, type SentFilters } from "@/lib/portal/sender/sent-filters";

// Shows subjects: never cached (dynamic pages are sent with Cache-Control: no-store).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).sent.pageTitle };
}

/** The same filters on another page number, as a /sent URL. */
function pageHref(filters: SentFilters, page: number): string {
  const query = new URLSearchParams();
  if (filters.status) query.set("status", filters.status);
  if (filters.recipient) query.set("recipient", filters.recipient);
  if (filters.from) query.set("from", filters.from.toISOString().slice(0, 10));
  if (filters.to) query.set("to", filters.to.toISOString().slice(0, 10));
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/sent?${text}` : "/sent";
}

export default async function SentPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(["sender", "admin"], "/sent");
  const filters = parseSentFilters(await searchParams);
  const locale = await getRequestLocale();
  const t = getMessages(locale).sent;
  const result = await listSentMessages(actor, filters);
  const filtered = Boolean(filters.status || filters.recipient || filters.from || filters.to);
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{actor.role === "admin" ? t.introAdmin : t.intro}</p>
      </header>
      <SentFiltersForm filters={filters} t={t} />
      <p className="text-sm text-ink-600" role="status" data-testid="sent-count">
        {t.results(result.total)}
      </p>
      {result.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-ink-600" data-testid="sent-empty">
          {filtered ? t.noMatches : t.empty}
        </p>
      ) : (
        <ul className="space-y-3">
          {result.items.map((message) => (
            <li key={message.id}>
              <SentMessageCard message={message} t={t} locale={locale} showSender={actor.role === "admin"} />
            </li>
          ))}
        </ul>
      )}
      {result.pageCount > 1 && (
        <nav aria-label={t.pagination} className="flex flex-wrap items-center justify-between gap-3">
          {result.page > 1 ? <Link href={pageHref(filters, result.page - 1)}>{t.newer}</Link> : <span />}
          <span className="text-sm text-ink-600">{t.pageOf(result.page, result.pageCount)}</span>
          {result.page < result.pageCount ? (
            <Link href={pageHref(filters, result.page + 1)} data-testid="older-page">
              {t.older}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </article>
  );
}
