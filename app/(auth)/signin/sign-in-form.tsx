"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/(auth)/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";
import { getMessages } from "@/lib/i18n/messages";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = getMessages().signIn;
  const [state, formAction] = useActionState<SignInState, FormData>(signInAction, { error: null, email: "" });
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.error && (
        <p role="alert" data-testid="sign-in-error" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {state.error === "failed" ? t.failed : t.invalid}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField name="email" label={t.email} type="email" autoComplete="username" defaultValue={state.email} required />
      <TextField name="password" label={t.password} type="password" autoComplete="current-password" required />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="sign-in-submit" />
    </form>
  );
}
