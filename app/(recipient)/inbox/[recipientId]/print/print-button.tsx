"use client";

/** Opens the browser's print dialog; the page is laid out for paper by its @media print rules. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      data-testid="print-now"
      className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
    >
      {label}
    </button>
  );
}
