import { OUTCOME_FILL } from "@/app/(compliance)/compliance/reports/outcome-legend";
import type { Messages } from "@/lib/i18n/messages";
import type { DomainOutcomes } from "@/lib/reports/get-domain-outcomes";
import { OUTCOME_STATUSES } from "@/lib/reports/report-outcomes";

const WIDTH = 360;
const ROW = 22;
const LABEL_WIDTH = 130;
const MAX_LABEL = 20;

type Props = { rows: DomainOutcomes[]; title: string; labels: Messages["reports"]["outcomes"] };

function shorten(domain: string): string {
  return domain.length > MAX_LABEL ? `${domain.slice(0, MAX_LABEL - 1)}…` : domain;
}

/** Recipients per domain as stacked horizontal bars, busiest first; full names and numbers are in the table. */
export function DomainChart({ rows, title, labels }: Props) {
  const max = Math.max(1, ...rows.map((row) => row.total));
  const scale = (WIDTH - LABEL_WIDTH - 36) / max;
  const height = rows.length * ROW + 4;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="domain-chart-title" className="h-auto w-full max-w-xl" data-testid="domain-chart">
      <title id="domain-chart-title">{title}</title>
      {rows.map((row, index) => {
        const y = index * ROW + 4;
        let left = LABEL_WIDTH;
        return (
          <g key={row.domain}>
            <text x={LABEL_WIDTH - 6} y={y + 12} textAnchor="end" fontSize={11} fill="#334155">
              {shorten(row.domain)}
            </text>
            {OUTCOME_STATUSES.filter((status) => row[status] > 0).map((status) => {
              const width = row[status] * scale;
              const x = left;
              left += width;
              return (
                <rect key={status} x={x} y={y} width={width} height={ROW - 8} fill={OUTCOME_FILL[status]}>
                  <title>{`${row.domain}: ${row[status]} ${labels[status]}`}</title>
                </rect>
              );
            })}
            <text x={left + 4} y={y + 12} fontSize={11} fill="#334155">
              {row.total}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
