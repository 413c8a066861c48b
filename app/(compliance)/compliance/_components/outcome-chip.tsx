const STYLES: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  failure: "bg-amber-50 text-amber-950 ring-amber-300",
  denied: "bg-red-50 text-red-900 ring-red-300",
};

/** An audit outcome as words with a colour; the words carry the meaning, the colour only helps. */
export function OutcomeChip({ outcome, label }: { outcome: string; label: string }) {
  return (
    <span
      data-testid="event-outcome"
      data-outcome={outcome}
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[outcome] ?? STYLES.failure}`}
    >
      {label}
    </span>
  );
}
