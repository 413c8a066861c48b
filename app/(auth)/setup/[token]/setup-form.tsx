"use client";

import Link from "next/link";
import { useActionState } from "react";
import { adminSetupAction, type AdminSetupState } from "@/app/(auth)/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import type { Messages } from "@/lib/i18n/messages";

const initialState: AdminSetupState = { fieldErrors: {}, formError: null, values: { name: "", email: "" } };

/** The setup strings with their functions already applied: only plain values cross into a client component. */
export type SetupFormText = Omit<Messages["setup"], "passwordHint" | "errors"> & {
  passwordHint: string;
  errors: Record<string, string>;
  signIn: string;
};

export function setupFormText(messages: Messages): SetupFormText {
  const t = messages.setup;
  const errors: Record<string, string> = {};
  for (const [key, text] of Object.entries(t.errors)) errors[key] = typeof text === "function" ? text(MIN_PASSWORD_LENGTH) : text;
  return { ...t, passwordHint: t.passwordHint(MIN_PASSWORD_LENGTH), errors, signIn: messages.common.signIn };
}

export function SetupForm({ token, t }: { token: string; t: SetupFormText }) {
  const [state, formAction] = useActionState(adminSetupAction.bind(null, token), initialState);
  // The action returns message keys (zod issue messages in lib/auth/schemas.ts); words come from the catalogue.
  const errorText = (key: string | undefined): string | null => (key ? (t.errors[key] ?? key) : null);
  if (state.formError) {
    return (
      <div role="alert" data-testid="setup-form-error" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
        <p className="font-semibold">{state.formError === "admin-exists" ? t.adminExistsTitle : t.invalidTitle}</p>
        <p>{state.formError === "admin-exists" ? t.adminExistsBody : t.invalidBody}</p>
        <Link href="/signin">{t.signIn}</Link>
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
        hint={t.passwordHint}
        minLength={MIN_PASSWORD_LENGTH}
        error={errorText(state.fieldErrors.password)}
        required
      />
      <TextField name="confirm" label={t.confirm} type="password" autoComplete="new-password" error={errorText(state.fieldErrors.confirm)} required />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="setup-submit" />
    </form>
  );
}
