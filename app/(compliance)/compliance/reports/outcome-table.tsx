import type { Messages } from "@/lib/i18n/messages";
import { OUTCOME_STATUSES, type OutcomeCounts } from "@/lib/reports/report-outcomes";

type Row = { key: string; label: string } & OutcomeCounts;

type Props = { caption: string; firstColumn: string; rows: Row[]; labels: Messages["reports"]["outcomes"]; testId: string };

const COLUMNS = [...OUTCOME_STATUSES, "total"] as const;

/**
 * The numbers behind a chart, one row per day or domain. A real table from `sm` up; on phones each row becomes
 * a small card whose cells repeat their column name (hidden from screen readers, which read the headers).
 */
export function OutcomeTable({ caption, firstColumn, rows, labels, testId }: Props) {
  return (
    <table className="w-full border-collapse text-sm" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead className="hidden sm:table-header-group">
        <tr className="border-b border-slate-300 text-left">
          <th scope="col" className="py-2 pr-3 font-semibold">
            {firstColumn}
          </th>
          {COLUMNS.map((column) => (
            <th key={column} scope="col" className="py-2 pr-3 text-right font-semibold">
              {labels[column]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-key={row.key} className="block border-b border-slate-200 py-2 sm:table-row sm:py-0">
            <th scope="row" className="block py-1 pr-3 text-left font-medium wrap-anywhere sm:table-cell sm:py-1.5">
              {row.label}
            </th>
            {COLUMNS.map((column) => (
              <td key={column} data-column={column} className="flex justify-between py-0.5 pr-3 tabular-nums sm:table-cell sm:py-1.5 sm:text-right">
                <span aria-hidden="true" className="text-ink-600 sm:hidden">
                  {labels[column]}
                </span>
                {row[column]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
