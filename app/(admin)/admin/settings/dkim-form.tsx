"use client";

import { useActionState } from "react";
import { type DkimFormState, generateDkimKeyAction } from "@/app/(admin)/admin/settings/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type DkimFormStrings = {
  domain: string;
  domainHint: string;
  selector: string;
  selectorHint: string;
  generate: string;
  generating: string;
  generated: string;
  errors: Record<string, string>;
};

/** Generates a new DKIM key; the page above it then shows the record to publish. */
export function DkimForm({ initial, t }: { initial: DkimFormState["values"]; t: DkimFormStrings }) {
  const [state, formAction] = useActionState(generateDkimKeyAction, { fieldErrors: {}, generated: false, values: initial });
  const error = (field: "domain" | "selector") => {
    const key = state.fieldErrors[field];
    return key ? (t.errors[key] ?? key) : null;
  };
  return (
    <form key={JSON.stringify(state.values)} action={formAction} className="space-y-4" noValidate>
      {state.generated && (
        <p role="status" data-testid="dkim-generated" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {t.generated}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="domain" label={t.domain} hint={t.domainHint} defaultValue={state.values.domain} error={error("domain")} autoComplete="off" required />
        <TextField name="selector" label={t.selector} hint={t.selectorHint} defaultValue={state.values.selector} error={error("selector")} autoComplete="off" required />
      </div>
      <SubmitButton label={t.generate} pendingLabel={t.generating} testId="dkim-generate" />
    </form>
  );
}
