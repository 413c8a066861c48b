"use client";

import { useActionState } from "react";
import { requestPasswordResetAction, type ResetRequestState } from "@/app/(auth)/reset-password/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export function ResetRequestForm({ t }: { t: { email: string; submit: string; submitting: string; sent: string; invalidEmail: string } }) {
  const [state, formAction] = useActionState<ResetRequestState, FormData>(requestPasswordResetAction, { done: false, invalid: false, email: "" });
  if (state.done) {
    return (
      <p role="status" data-testid="reset-requested" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
        {t.sent}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <TextField name="email" label={t.email} type="email" autoComplete="email" defaultValue={state.email} error={state.invalid ? t.invalidEmail : null} required />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="reset-request-submit" />
    </form>
  );
}
