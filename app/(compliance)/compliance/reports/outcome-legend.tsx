import type { Messages } from "@/lib/i18n/messages";
import { OUTCOME_STATUSES, type OutcomeStatus } from "@/lib/reports/report-outcomes";

// One colour per outcome, distinguishable for common colour-vision deficiencies (green/amber differ in lightness
// too); the text legend, the per-bar titles and the tables carry the meaning, the colours only help.
export const OUTCOME_FILL: Record<OutcomeStatus, string> = {
  delivered: "#047857",
  escrowed: "#f59e0b",
  bounced: "#b91c1c",
  dropped: "#475569",
};

/** The chart's key, in words with a swatch each. */
export function OutcomeLegend({ labels, heading }: { labels: Messages["reports"]["outcomes"]; heading: string }) {
  return (
    <div className="text-sm">
      <p className="sr-only">{heading}</p>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {OUTCOME_STATUSES.map((status) => (
          <li key={status} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm" style={{ backgroundColor: OUTCOME_FILL[status] }} />
            {labels[status]}
          </li>
        ))}
      </ul>
    </div>
  );
}
