"use client";

import { useActionState } from "react";
import { PasswordFields, type PasswordFieldsStrings } from "@/app/(auth)/_components/password-fields";
import { passwordErrorSlots } from "@/app/(auth)/_components/password-texts";
import { changePasswordAction, type ChangePasswordState } from "@/app/(recipient)/account/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type PasswordFormStrings = {
  current: string;
  save: string;
  saving: string;
  fields: Omit<PasswordFieldsStrings, "passwordError" | "confirmError">;
  errors: Record<string, string>;
  throttled: string;
};

export function PasswordForm({ email, t }: { email: string; t: PasswordFormStrings }) {
  const [state, formAction] = useActionState<ChangePasswordState, FormData>(changePasswordAction, { error: null });
  const currentError = state.error === "currentWrong" ? (t.errors.currentWrong ?? null) : state.error === "throttled" ? t.throttled : null;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField name="current" label={t.current} type="password" autoComplete="current-password" error={currentError} required />
      <PasswordFields t={{ ...t.fields, ...passwordErrorSlots(state.error, t.errors) }} userInputs={[email]} />
      <SubmitButton label={t.save} pendingLabel={t.saving} testId="change-password-submit" />
    </form>
  );
}
