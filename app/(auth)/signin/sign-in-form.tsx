"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/(auth)/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type SignInFormStrings = { email: string; password: string; submit: string; submitting: string; failed: string; invalid: string };

/** `throttledTexts[n - 1]` says "try again in n minutes". */
export function SignInForm({ callbackUrl, email, t, throttledTexts }: { callbackUrl: string; email: string; t: SignInFormStrings; throttledTexts: string[] }) {
  const [state, formAction] = useActionState<SignInState, FormData>(signInAction, { error: null, email });
  const minutes = Math.min(Math.max(Math.ceil((state.retryAfterMs ?? 0) / 60_000), 1), throttledTexts.length);
  const message = state.error === "throttled" ? throttledTexts[minutes - 1] : state.error === "failed" ? t.failed : state.error ? t.invalid : null;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {message && (
        <p role="alert" data-testid="sign-in-error" data-error={state.error} className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {message}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField name="email" label={t.email} type="email" autoComplete="username" defaultValue={state.email} required />
      <TextField name="password" label={t.password} type="password" autoComplete="current-password" required />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="sign-in-submit" />
    </form>
  );
}
