import { getRequestMessages } from "@/lib/i18n/get-request-messages";

const STYLES: Record<string, string> = {
  queued: "bg-slate-100 text-slate-800 ring-slate-300",
  delivered: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  escrowed: "bg-amber-50 text-amber-900 ring-amber-300",
  bounced: "bg-red-50 text-red-900 ring-red-300",
  dropped: "bg-red-50 text-red-900 ring-red-300",
};

/** A recipient status as words with a colour; the words carry the meaning, the colour only helps. */
export async function StatusBadge({ status }: { status: string }) {
  const label = (await getRequestMessages()).status[status] ?? status;
  return (
    <span
      data-testid="recipient-status"
      data-status={status}
      className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${STYLES[status] ?? STYLES.queued}`}
    >
      {label}
    </span>
  );
}
