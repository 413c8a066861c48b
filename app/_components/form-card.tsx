import type { ReactNode } from "react";

/** A page that asks for one thing: a heading, one line saying why, and the form. */
export function FormCard({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <section className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {/* Intros often carry an email address: let it wrap on narrow phones rather than overflow. */}
        <p className="text-ink-600 wrap-anywhere">{intro}</p>
      </div>
      {children}
    </section>
  );
}
