import { OUTCOME_FILL } from "@/app/(compliance)/compliance/reports/outcome-legend";
import type { Messages } from "@/lib/i18n/messages";
import type { DailyOutcomes } from "@/lib/reports/get-daily-outcomes";
import { OUTCOME_STATUSES } from "@/lib/reports/report-outcomes";

// A fixed coordinate system scaled as a whole (no distortion), so the axis labels stay legible on phones.
const WIDTH = 360;
const HEIGHT = 170;
const PLOT = { left: 36, right: WIDTH - 4, top: 8, bottom: HEIGHT - 22 };

type Props = {
  rows: DailyOutcomes[];
  title: string;
  summary: string;
  labels: Messages["reports"]["outcomes"];
  /** Day labels for the x axis, in the reader's language. */
  dayLabel: (day: string) => string;
};

/** Recipients per day as stacked columns (one per day, one segment per outcome), hand-written SVG. */
export function DailyChart({ rows, title, summary, labels, dayLabel }: Props) {
  const max = Math.max(1, ...rows.map((row) => row.total));
  const slot = (PLOT.right - PLOT.left) / Math.max(1, rows.length);
  const barWidth = Math.max(1, slot * 0.75);
  const scale = (PLOT.bottom - PLOT.top) / max;
  const first = rows[0];
  const last = rows.at(-1);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="daily-chart-title daily-chart-desc" className="h-auto w-full max-w-xl" data-testid="daily-chart">
      <title id="daily-chart-title">{title}</title>
      <desc id="daily-chart-desc">{summary}</desc>
      <line x1={PLOT.left} y1={PLOT.bottom} x2={PLOT.right} y2={PLOT.bottom} stroke="#94a3b8" strokeWidth={1} />
      <line x1={PLOT.left} y1={PLOT.top} x2={PLOT.left} y2={PLOT.bottom} stroke="#94a3b8" strokeWidth={1} />
      <text x={PLOT.left - 4} y={PLOT.top + 8} textAnchor="end" fontSize={11} fill="#334155">
        {max}
      </text>
      <text x={PLOT.left - 4} y={PLOT.bottom} textAnchor="end" fontSize={11} fill="#334155">
        0
      </text>
      {rows.map((row, index) => {
        let top = PLOT.bottom;
        const x = PLOT.left + index * slot + (slot - barWidth) / 2;
        return (
          <g key={row.day}>
            {OUTCOME_STATUSES.filter((status) => row[status] > 0).map((status) => {
              const height = row[status] * scale;
              top -= height;
              return (
                <rect key={status} x={x} y={top} width={barWidth} height={height} fill={OUTCOME_FILL[status]}>
                  <title>{`${dayLabel(row.day)}: ${row[status]} ${labels[status]}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      {first && (
        <text x={PLOT.left} y={HEIGHT - 6} fontSize={11} fill="#334155">
          {dayLabel(first.day)}
        </text>
      )}
      {last && last !== first && (
        <text x={PLOT.right} y={HEIGHT - 6} textAnchor="end" fontSize={11} fill="#334155">
          {dayLabel(last.day)}
        </text>
      )}
    </svg>
  );
}
