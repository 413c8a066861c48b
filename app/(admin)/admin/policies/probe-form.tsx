"use client";

import { useActionState } from "react";
import { probeDomainAction, type ProbeState } from "@/app/(admin)/admin/policies/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type ProbeFormStrings = { domain: string; domainHint: string; submit: string; submitting: string };

const INITIAL: ProbeState = { error: null, result: null, domain: "" };

/** "Test this domain now": the form and, below it, the result in plain words. */
export function ProbeForm({ t }: { t: ProbeFormStrings }) {
  const [state, action] = useActionState(probeDomainAction, INITIAL);
  const result = state.result;
  return (
    <div className="space-y-4">
      <form key={state.domain} action={action} className="space-y-4" noValidate>
        <TextField name="domain" label={t.domain} hint={t.domainHint} defaultValue={state.domain} error={state.error} autoComplete="off" testId="probe-domain" required />
        <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="probe-submit" />
      </form>
      {result && (
        <section aria-labelledby="probe-result-heading" data-testid="probe-result" className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
          <h3 id="probe-result-heading" className="font-semibold">
            {result.heading}
          </h3>
          <p data-testid="probe-summary">{result.summary}</p>
          <p className="text-sm text-ink-600">{result.policyLine}</p>
          <ul className="space-y-3">
            {result.mx.map((mx, index) => (
              <li key={`${mx.host}-${index}`} data-testid="probe-mx" data-ok={mx.ok} className={`rounded-md border bg-white p-3 ${mx.ok ? "border-emerald-300" : "border-amber-400"}`}>
                <p data-testid="probe-sentence" className="font-medium wrap-anywhere">
                  {mx.sentence}
                </p>
                <dl className="mt-2 grid grid-cols-1 gap-x-4 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
                  {mx.details.map((detail) => (
                    <div key={detail.label} className="contents">
                      <dt className="text-ink-600">{detail.label}</dt>
                      <dd className="mb-1 wrap-anywhere">{detail.value}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
