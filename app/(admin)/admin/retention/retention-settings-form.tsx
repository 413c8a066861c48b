"use client";

import { useActionState } from "react";
import { saveRetentionAction, type RetentionSettingsFormState } from "@/app/(admin)/admin/retention/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";
import type { Messages } from "@/lib/i18n/messages";

type Labels = Pick<
  Messages["retention"]["admin"],
  "accessDays" | "accessHint" | "retentionDays" | "retentionHint" | "submit" | "submitting" | "saved" | "errors"
>;

/** The access window and retention period; a period that deletes content now asks for a confirmation first. */
export function RetentionSettingsForm({ initial, t }: { initial: RetentionSettingsFormState["values"]; t: Labels }) {
  const [state, formAction] = useActionState(saveRetentionAction, { fieldErrors: {}, saved: false, confirm: null, values: initial });
  const error = (field: keyof RetentionSettingsFormState["fieldErrors"]) => {
    const key = state.fieldErrors[field];
    return key ? (t.errors[key] ?? key) : null;
  };
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.saved && (
        <p role="status" data-testid="retention-saved" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {t.saved}
        </p>
      )}
      <TextField
        name="accessDays"
        label={t.accessDays}
        hint={t.accessHint}
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        defaultValue={state.values.accessDays}
        error={error("accessDays")}
        required
        testId="access-days"
      />
      <TextField
        name="retentionDays"
        label={t.retentionDays}
        hint={t.retentionHint}
        type="number"
        inputMode="numeric"
        min={1}
        max={3650}
        defaultValue={state.values.retentionDays}
        error={error("retentionDays")}
        testId="retention-days"
      />
      {state.confirm && (
        <div role="alert" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-red-900" data-testid="retention-confirm-needed">
          <p>{state.confirm.needed}</p>
          <div className="flex items-start gap-2">
            <input id="retention-confirm" name="confirm" value="yes" type="checkbox" data-testid="retention-confirm" className="mt-1 size-4" />
            <label htmlFor="retention-confirm" className="text-sm font-medium">
              {state.confirm.label}
            </label>
          </div>
        </div>
      )}
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="retention-submit" />
    </form>
  );
}
