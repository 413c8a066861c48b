import type { ReactNode } from "react";

export type Detail = { label: string; value: ReactNode; testId?: string };

/** Label/value pairs: stacked on phones, two columns from the `sm` breakpoint up. */
export function DetailList({ items }: { items: Detail[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 text-sm sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-y-1">
      {items.map(({ label, value, testId }) => (
        <div key={label} className="contents">
          <dt className="text-ink-600">{label}</dt>
          <dd data-testid={testId} className="mb-2 wrap-anywhere text-ink-900 sm:mb-0">
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
