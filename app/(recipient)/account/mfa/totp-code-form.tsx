"use client";

import { useActionState } from "react";
import type { TotpCodeState } from "@/app/(recipient)/account/mfa/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type TotpCodeFormStrings = {
  code: string;
  submit: string;
  submitting: string;
  /** By TotpCodeState error; "throttled" is index n - 1 of `throttled` ("try again in n minutes"). */
  errors: { "wrong-code": string; "no-setup": string; replayed: string };
  throttled: string[];
};

/** One code field and a button, for confirming the setup and for turning TOTP off. */
export function TotpCodeForm({
  action,
  next,
  testId,
  t,
}: {
  action: (previous: TotpCodeState, formData: FormData) => Promise<TotpCodeState>;
  next: string | null;
  testId: string;
  t: TotpCodeFormStrings;
}) {
  const [state, formAction] = useActionState<TotpCodeState, FormData>(action, { error: null });
  const minutes = Math.min(Math.max(Math.ceil((state.retryAfterMs ?? 0) / 60_000), 1), t.throttled.length);
  const error = state.error === "throttled" ? t.throttled[minutes - 1] : state.error ? t.errors[state.error] : null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      <TextField
        name="code"
        label={t.code}
        inputMode="numeric"
        autoComplete="one-time-code"
        error={error}
        testId={`${testId}-code`}
        required
      />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId={`${testId}-submit`} />
    </form>
  );
}
