import { formatDateTime } from "@/lib/i18n/format-date";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { TlsGap } from "@/lib/reports/get-tls-gaps";

/** Domains without usable TLS: a table from `sm` up, a card per domain on phones. */
export function TlsGapsTable({ gaps, t, locale }: { gaps: TlsGap[]; t: Messages["reports"]["tlsGaps"]; locale: Locale }) {
  const cell = "flex flex-col py-0.5 pr-3 sm:table-cell sm:py-1.5";
  const mobileLabel = (text: string) => (
    <span aria-hidden="true" className="text-ink-600 sm:hidden">
      {text}
    </span>
  );
  return (
    <table className="w-full border-collapse text-sm" data-testid="tls-gaps-table">
      <caption className="sr-only">{t.tableCaption}</caption>
      <thead className="hidden sm:table-header-group">
        <tr className="border-b border-slate-300 text-left">
          <th scope="col" className="py-2 pr-3 font-semibold">{t.domain}</th>
          <th scope="col" className="py-2 pr-3 text-right font-semibold">{t.escrowed}</th>
          <th scope="col" className="py-2 pr-3 font-semibold">{t.reason}</th>
          <th scope="col" className="py-2 pr-3 font-semibold">{t.lastSeen}</th>
        </tr>
      </thead>
      <tbody>
        {gaps.map((gap) => (
          <tr key={gap.domain} data-key={gap.domain} className="block border-b border-slate-200 py-2 sm:table-row sm:py-0">
            <th scope="row" className="block py-1 pr-3 text-left font-medium wrap-anywhere sm:table-cell sm:py-1.5">
              {gap.domain}
            </th>
            <td className={`${cell} tabular-nums sm:text-right`} data-column="escrowed">
              {mobileLabel(t.escrowed)}
              {gap.escrowed}
            </td>
            <td className={cell} data-column="reason" data-failure-class={gap.topFailureClass}>
              {mobileLabel(t.reason)}
              {describeFailureClass(gap.topFailureClass, locale)}
            </td>
            <td className={cell} data-column="last-seen">
              {mobileLabel(t.lastSeen)}
              <time dateTime={gap.lastSeen.toISOString()}>{formatDateTime(gap.lastSeen, locale)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
