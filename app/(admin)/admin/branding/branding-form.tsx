"use client";

import { useActionState } from "react";
import { saveBrandingAction, type BrandingFormState } from "@/app/(admin)/admin/branding/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";
import type { Messages } from "@/lib/i18n/messages";

export function BrandingForm({ initial, t }: { initial: BrandingFormState["values"]; t: Messages["brandingSettings"] }) {
  const [state, formAction] = useActionState(saveBrandingAction, { fieldErrors: {}, saved: false, values: initial });
  const error = (field: keyof BrandingFormState["fieldErrors"]) => {
    const key = state.fieldErrors[field];
    return key ? (t.errors[key] ?? key) : null;
  };
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.saved && (
        <p role="status" data-testid="branding-saved" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {t.saved}
        </p>
      )}
      <TextField name="orgName" label={t.orgName} defaultValue={state.values.orgName} error={error("orgName")} required />
      <TextField name="logoUrl" label={t.logoUrl} type="url" hint={t.logoUrlHint} defaultValue={state.values.logoUrl} error={error("logoUrl")} />
      <TextField name="colour" label={t.colour} hint={t.colourHint} defaultValue={state.values.colour} error={error("colour")} required />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="branding-submit" />
    </form>
  );
}
