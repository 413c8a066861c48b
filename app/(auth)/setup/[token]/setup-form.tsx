"use client";

import Link from "next/link";
import { useActionState } from "react";
import { adminSetupAction, type AdminSetupState } from "@/app/(auth)/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { getMessages } from "@/lib/i18n/messages";

const initialState: AdminSetupState = { fieldErrors: {}, formError: null, values: { name: "", email: "" } };

export function SetupForm({ token }: { token: string }) {
  const t = getMessages().setup;
  const [state, formAction] = useActionState(adminSetupAction.bind(null, token), initialState);
  // The action returns message keys (zod issue messages in lib/auth/schemas.ts); words come from the catalogue.
  const errors: Record<string, string | ((min: number) => string)> = t.errors;
  const errorText = (key: string | undefined): string | null => {
    const text = key ? errors[key] : undefined;
    if (typeof text === "function") return text(MIN_PASSWORD_LENGTH);
    return text ?? key ?? null;
  };
  if (state.formError) {
    return (
      <div role="alert" data-testid="setup-form-error" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
        <p className="font-semibold">{state.formError === "admin-exists" ? t.adminExistsTitle : t.invalidTitle}</p>
        <p>{state.formError === "admin-exists" ? t.adminExistsBody : t.invalidBody}</p>
        <Link href="/signin">{getMessages().common.signIn}</Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <TextField name="name" label={t.name} autoComplete="name" defaultValue={state.values.name} error={errorText(state.fieldErrors.name)} required />
      <TextField name="email" label={t.email} type="email" autoComplete="email" defaultValue={state.values.email} error={errorText(state.fieldErrors.email)} required />
      <TextField
        name="password"
        label={t.password}
        type="password"
        autoComplete="new-password"
        hint={t.passwordHint(MIN_PASSWORD_LENGTH)}
        minLength={MIN_PASSWORD_LENGTH}
        error={errorText(state.fieldErrors.password)}
        required
      />
      <TextField name="confirm" label={t.confirm} type="password" autoComplete="new-password" error={errorText(state.fieldErrors.confirm)} required />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="setup-submit" />
    </form>
  );
}
