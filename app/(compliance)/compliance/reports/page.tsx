import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DailyChart } from "@/app/(compliance)/compliance/reports/daily-chart";
import { DomainChart } from "@/app/(compliance)/compliance/reports/domain-chart";
import { formatDuration, formatReportDay, formatShare } from "@/app/(compliance)/compliance/reports/format-report-values";
import { OutcomeLegend } from "@/app/(compliance)/compliance/reports/outcome-legend";
import { OutcomeTable } from "@/app/(compliance)/compliance/reports/outcome-table";
import { ReportRangeForm } from "@/app/(compliance)/compliance/reports/report-range-form";
import { TlsGapsTable } from "@/app/(compliance)/compliance/reports/tls-gaps-table";
import { DetailList } from "@/app/_components/detail-list";
import type { SearchParams } from "@/app/_components/page-props";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import type { ReportKind } from "@/lib/reports/export-report";
import { getDailyOutcomes } from "@/lib/reports/get-daily-outcomes";
import { getDomainOutcomes } from "@/lib/reports/get-domain-outcomes";
import { getOpenStats } from "@/lib/reports/get-open-stats";
import { getTlsGaps } from "@/lib/reports/get-tls-gaps";
import { parseReportRange, type ReportRange } from "@/lib/reports/report-range";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).reports.pageTitle };
}

// The page lists the busiest domains; the CSV export has every one.
const DOMAINS_IN_CHART = 10;
const DOMAINS_IN_TABLE = 50;

function Section({ id, heading, exportLink, children }: { id: string; heading: string; exportLink?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid={`report-${id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-lg font-semibold">
          {heading}
        </h2>
        {exportLink}
      </div>
      {children}
    </section>
  );
}

function ExportLink({ report, range, label, text }: { report: ReportKind; range: ReportRange; label: string; text: string }) {
  const query = new URLSearchParams({ report, from: range.fromDay, to: range.toDay });
  return (
    <a href={`/compliance/reports/export?${query}`} aria-label={label} data-testid={`export-${report}`} className="text-sm font-medium">
      {text}
    </a>
  );
}

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(["admin", "compliance"], "/compliance/reports");
  const locale = await getRequestLocale();
  const t = getMessages(locale).reports;
  const params = await searchParams;
  const from = typeof params.from === "string" ? params.from : "";
  const to = typeof params.to === "string" ? params.to : "";
  const parsed = parseReportRange({ from, to });
  const header = (
    <header className="space-y-2">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <p className="text-ink-600">{t.intro}</p>
    </header>
  );
  if (!parsed.ok) {
    return (
      <article className="space-y-6">
        {header}
        <ReportRangeForm from={from} to={to} t={t.range} error={t.range.errors[parsed.problem]} />
      </article>
    );
  }
  const { range } = parsed;
  const [daily, domains, gaps, opens] = await Promise.all([
    getDailyOutcomes(actor, range),
    getDomainOutcomes(actor, range),
    getTlsGaps(actor, range),
    getOpenStats(actor, range),
  ]);
  const day = (value: string) => formatReportDay(value, locale);
  const sum = (key: "total" | "delivered" | "escrowed") => daily.reduce((total, row) => total + row[key], 0);
  const exportLink = (report: ReportKind, heading: string) => <ExportLink report={report} range={range} label={t.exportLabel(heading)} text={t.exportCsv} />;
  return (
    <article className="space-y-6">
      {header}
      <ReportRangeForm from={range.fromDay} to={range.toDay} t={t.range} error={null} />
      <p className="text-sm text-ink-600" data-testid="report-range">
        {t.range.summary(day(range.fromDay), day(range.toDay), range.days.length)}
      </p>

      <Section id="daily" heading={t.daily.heading} exportLink={exportLink("daily", t.daily.heading)}>
        {sum("total") === 0 ? (
          <p className="text-ink-600">{t.daily.empty}</p>
        ) : (
          <>
            <DailyChart
              rows={daily}
              title={t.daily.chartTitle(day(range.fromDay), day(range.toDay))}
              summary={t.daily.chartSummary(sum("total"), sum("delivered"), sum("escrowed"))}
              labels={t.outcomes}
              dayLabel={day}
            />
            <OutcomeLegend labels={t.outcomes} heading={t.daily.legend} />
            <OutcomeTable
              caption={t.daily.tableCaption}
              firstColumn={t.daily.day}
              rows={daily.filter((row) => row.total > 0).map((row) => ({ ...row, key: row.day, label: day(row.day) }))}
              labels={t.outcomes}
              testId="daily-table"
            />
          </>
        )}
      </Section>

      <Section id="domains" heading={t.domains.heading} exportLink={exportLink("domains", t.domains.heading)}>
        {domains.length === 0 ? (
          <p className="text-ink-600">{t.domains.empty}</p>
        ) : (
          <>
            <p className="text-sm text-ink-600">{t.domains.intro}</p>
            <DomainChart rows={domains.slice(0, DOMAINS_IN_CHART)} title={t.domains.chartTitle(Math.min(DOMAINS_IN_CHART, domains.length))} labels={t.outcomes} />
            <OutcomeLegend labels={t.outcomes} heading={t.daily.legend} />
            <OutcomeTable
              caption={t.domains.tableCaption}
              firstColumn={t.domains.domain}
              rows={domains.slice(0, DOMAINS_IN_TABLE).map((row) => ({ ...row, key: row.domain, label: row.domain }))}
              labels={t.outcomes}
              testId="domains-table"
            />
            {domains.length > DOMAINS_IN_TABLE && <p className="text-sm text-ink-600">{t.domains.showingTop(DOMAINS_IN_TABLE, domains.length)}</p>}
          </>
        )}
      </Section>

      <Section id="tls-gaps" heading={t.tlsGaps.heading} exportLink={exportLink("tls-gaps", t.tlsGaps.heading)}>
        <p className="text-sm text-ink-600">{t.tlsGaps.intro}</p>
        {gaps.length === 0 ? <p className="text-ink-600">{t.tlsGaps.empty}</p> : <TlsGapsTable gaps={gaps} t={t.tlsGaps} locale={locale} />}
      </Section>

      <Section id="opens" heading={t.opens.heading}>
        <DetailList
          items={[
            { label: t.opens.escrowed, value: opens.escrowed, testId: "opens-escrowed" },
            { label: t.opens.opened, value: opens.opened, testId: "opens-opened" },
            { label: t.opens.share, value: opens.openedShare === null ? t.opens.none : formatShare(opens.openedShare, locale), testId: "opens-share" },
            {
              label: t.opens.median,
              value: opens.medianMsToOpen === null ? t.opens.none : formatDuration(opens.medianMsToOpen, t.duration),
              testId: "opens-median",
            },
          ]}
        />
        {opens.escrowed > 0 && opens.opened === 0 && <p className="text-sm text-ink-600">{t.opens.noneOpened}</p>}
      </Section>
    </article>
  );
}
