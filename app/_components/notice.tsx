import type { ReactNode } from "react";

/** A page that says one thing in plain words: a heading, an explanation and what to do next. */
export function Notice({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} className="mx-auto max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="space-y-3 text-ink-600">{children}</div>
    </section>
  );
}
