"use client";

import { useActionState } from "react";
import { type PolicyFormState, savePolicyAction } from "@/app/(admin)/admin/policies/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type AddPolicyStrings = {
  domain: string;
  domainHint: string;
  policy: string;
  save: string;
  saving: string;
  policies: { value: string; label: string; hint: string }[];
  errors: { domain: string; policy: string };
};

const INITIAL: PolicyFormState = { fieldErrors: {}, values: { domain: "", policy: "tls-or-escrow" } };

/** Adds an entry, or changes the one for a domain already in the table. */
export function AddPolicyForm({ t }: { t: AddPolicyStrings }) {
  const [state, action] = useActionState(savePolicyAction, INITIAL);
  return (
    <form key={JSON.stringify(state.values)} action={action} className="space-y-4" noValidate>
      <TextField
        name="domain"
        label={t.domain}
        hint={t.domainHint}
        defaultValue={state.values.domain}
        error={state.fieldErrors.domain ? t.errors.domain : null}
        autoComplete="off"
        testId="policy-domain"
        required
      />
      <fieldset className="space-y-2">
        <legend className="font-medium">{t.policy}</legend>
        {t.policies.map((policy) => (
          <label key={policy.value} className="flex items-start gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
            <input type="radio" name="policy" value={policy.value} defaultChecked={state.values.policy === policy.value} data-testid={`policy-${policy.value}`} className="mt-1 size-4 shrink-0" />
            <span>
              <span className="block font-medium">{policy.label}</span>
              <span className="block text-sm text-ink-600">{policy.hint}</span>
            </span>
          </label>
        ))}
        {state.fieldErrors.policy && <p className="text-sm font-medium text-red-800">{t.errors.policy}</p>}
      </fieldset>
      <SubmitButton label={t.save} pendingLabel={t.saving} testId="policy-save" />
    </form>
  );
}
