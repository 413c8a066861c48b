import type { Metadata } from "next";
import Link from "next/link";
import { AuditEventList } from "@/app/(compliance)/compliance/_components/audit-event-list";
import { AuditFiltersForm } from "@/app/(compliance)/compliance/audit-filters-form";
import { ExportLinks } from "@/app/(compliance)/compliance/export-links";
import { VerifyChainForm } from "@/app/(compliance)/compliance/verify-chain-form";
import type { SearchParams } from "@/app/_components/page-props";
import { requireRole } from "@/lib/auth/require-role";
import { auditFilterQuery, isFiltered, parseAuditFilter, parseBeforeCursor } from "@/lib/compliance/audit-filter";
import { MAX_RESOLVED_IDS } from "@/lib/compliance/resolve-audit-filter";
import { searchAuditEvents } from "@/lib/compliance/search-audit-events";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

// Audit data (addresses, IPs): never cached (dynamic pages are sent with Cache-Control: no-store).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).compliance.search.pageTitle };
}

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(["admin", "compliance"], "/compliance");
  const params = await searchParams;
  const filter = parseAuditFilter(params);
  const before = parseBeforeCursor(params);
  const locale = await getRequestLocale();
  const t = getMessages(locale).compliance;
  const page = await searchAuditEvents(actor, filter, { before });
  const query = auditFilterQuery(filter);
  const newestHref = query.size > 0 ? `/compliance?${query}` : "/compliance";
  const olderQuery = new URLSearchParams(query);
  if (page.olderBefore !== null) olderQuery.set("before", String(page.olderBefore));
  const first = page.events[0];
  const last = page.events.at(-1);
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.search.title}</h1>
        <p className="text-ink-600">{t.search.intro}</p>
      </header>
      <AuditFiltersForm filter={filter} t={t} />
      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="sr-only">
          {t.search.resultsLabel}
        </h2>
        {page.truncated && (
          <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-950" data-testid="search-truncated">
            {t.search.truncated(MAX_RESOLVED_IDS)}
          </p>
        )}
        <p className="text-sm text-ink-600" role="status" data-testid="search-status">
          {first && last ? t.search.showing(first.seq, last.seq) : isFiltered(filter) || before ? t.search.noMatches : t.search.empty}
        </p>
        {page.events.length > 0 && <AuditEventList events={page.events} locale={locale} />}
        {(before !== undefined || page.olderBefore !== null) && (
          <nav aria-label={t.search.pagination} className="flex flex-wrap items-center justify-between gap-3">
            {before !== undefined ? (
              <Link href={newestHref} data-testid="newest-page">
                {t.search.newest}
              </Link>
            ) : (
              <span />
            )}
            {page.olderBefore !== null && (
              <Link href={`/compliance?${olderQuery}`} data-testid="older-page">
                {t.search.older}
              </Link>
            )}
          </nav>
        )}
      </section>
      <section aria-labelledby="export-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="export-heading" className="text-lg font-semibold">
          {t.export.heading}
        </h2>
        <p className="text-sm text-ink-600">{t.export.intro}</p>
        <ExportLinks query={query} t={t.export} />
      </section>
      <section aria-labelledby="verify-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="verify-heading" className="text-lg font-semibold">
          {t.verify.heading}
        </h2>
        <p className="text-sm text-ink-600">{t.verify.intro}</p>
        <VerifyChainForm
          labels={{ submit: t.verify.submit, submitting: t.verify.submitting, intact: t.verify.intact("{count}"), broken: t.verify.broken("{seq}"), problems: t.verify.problems }}
        />
      </section>
    </article>
  );
}
