"use client";

import { useActionState } from "react";
import { type OrgSettingsFormValues, saveOrgSettingsAction } from "@/app/(admin)/admin/settings/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";
import type { Messages } from "@/lib/i18n/messages";

/** Plain strings only: a server component cannot hand functions to a client component. */
export type OrgSettingsStrings = Omit<Messages["adminSettings"], "dkim" | "notifyFromHint" | "title" | "intro"> & { notifyFromHint: string };

const FIELD_ERROR = "text-sm font-medium text-red-800";

export function OrgSettingsForm({ initial, t }: { initial: OrgSettingsFormValues; t: OrgSettingsStrings }) {
  const [state, formAction] = useActionState(saveOrgSettingsAction, { fieldErrors: {}, saved: false, values: initial });
  const error = (field: keyof typeof state.fieldErrors) => {
    const key = state.fieldErrors[field];
    return key ? (t.errors[key] ?? key) : null;
  };
  const introError = error("notificationIntro");
  const hoursError = error("breakGlassHours");
  // The fields are keyed by the values last saved or refused, so React 19's reset after an action shows them.
  const key = JSON.stringify(state.values);
  return (
    <form key={key} action={formAction} className="space-y-5" noValidate>
      {state.saved && (
        <p role="status" data-testid="settings-saved" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {t.saved}
        </p>
      )}
      <TextField name="subjectTag" label={t.subjectTag} hint={t.subjectTagHint} defaultValue={state.values.subjectTag} error={error("subjectTag")} testId="subject-tag" required />
      <div className="space-y-1">
        <label htmlFor="notificationIntro" className="block font-medium">
          {t.notificationIntro}
        </label>
        <p id="notificationIntro-hint" className="text-sm text-ink-600">
          {t.notificationIntroHint}
        </p>
        <textarea
          id="notificationIntro"
          name="notificationIntro"
          rows={4}
          maxLength={600}
          defaultValue={state.values.notificationIntro}
          aria-invalid={introError ? true : undefined}
          aria-describedby={introError ? "notificationIntro-hint notificationIntro-error" : "notificationIntro-hint"}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base aria-invalid:border-red-700"
        />
        {introError && (
          <p id="notificationIntro-error" className={FIELD_ERROR}>
            {introError}
          </p>
        )}
      </div>
      <TextField name="notifyFrom" type="email" label={t.notifyFrom} hint={t.notifyFromHint} defaultValue={state.values.notifyFrom} error={error("notifyFrom")} autoComplete="off" />
      <fieldset className="space-y-4">
        <legend className="font-semibold">{t.securityLegend}</legend>
        <Checkbox name="requireStaffMfa" label={t.requireStaffMfa} hint={t.requireStaffMfaHint} defaultChecked={state.values.requireStaffMfa} />
        <Checkbox name="breakGlassEnabled" label={t.breakGlassEnabled} hint={t.breakGlassEnabledHint} defaultChecked={state.values.breakGlassEnabled} />
        <TextField
          name="breakGlassHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={72}
          label={t.breakGlassHours}
          hint={t.breakGlassHoursHint}
          defaultValue={state.values.breakGlassHours}
          error={hoursError}
        />
      </fieldset>
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="settings-submit" />
    </form>
  );
}

function Checkbox({ name, label, hint, defaultChecked }: { name: string; label: string; hint: string; defaultChecked: boolean }) {
  return (
    <div className="flex items-start gap-3">
      <input id={name} name={name} type="checkbox" defaultChecked={defaultChecked} aria-describedby={`${name}-hint`} data-testid={name} className="mt-1 size-5 shrink-0" />
      <div>
        <label htmlFor={name} className="font-medium">
          {label}
        </label>
        <p id={`${name}-hint`} className="text-sm text-ink-600">
          {hint}
        </p>
      </div>
    </div>
  );
}
