import type { RecipientState } from "@/lib/portal/sender/recipient-state";

const STYLES: Record<RecipientState, string> = {
  queued: "bg-slate-100 text-slate-800 ring-slate-300",
  delivered: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  escrowed: "bg-amber-50 text-amber-900 ring-amber-300",
  notified: "bg-sky-50 text-sky-900 ring-sky-300",
  opened: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  replied: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  expired: "bg-slate-100 text-slate-800 ring-slate-300",
  revoked: "bg-red-50 text-red-900 ring-red-300",
  bounced: "bg-red-50 text-red-900 ring-red-300",
  dropped: "bg-red-50 text-red-900 ring-red-300",
};

/** A recipient's state as words with a colour; the words carry the meaning, the colour only helps. */
export function StateChip({ state, label }: { state: RecipientState; label: string }) {
  return (
    <span data-testid="recipient-state" data-state={state} className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium whitespace-nowrap ring-1 ring-inset ${STYLES[state]}`}>
      {label}
    </span>
  );
}
