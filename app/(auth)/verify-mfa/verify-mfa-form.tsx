"use client";

import Link from "next/link";
import { useActionState } from "react";
import { verifyMfaAction, type VerifyMfaState } from "@/app/(auth)/verify-mfa/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type VerifyMfaStrings = {
  code: string;
  codeHint: string;
  submit: string;
  submitting: string;
  wrongCode: string;
  replayed: string;
  /** Index n - 1: "try again in n minutes". */
  throttled: string[];
  expired: string;
  signInAgain: string;
};

export function VerifyMfaForm({ callbackUrl, t }: { callbackUrl: string; t: VerifyMfaStrings }) {
  const [state, verify] = useActionState<VerifyMfaState, FormData>(verifyMfaAction, { result: null });
  const waitMinutes = "retryAfterMs" in state ? Math.min(Math.max(Math.ceil(state.retryAfterMs / 60_000), 1), t.throttled.length) : 1;
  // The last allowed wrong code also locks: say so at once rather than after the next try.
  const locked = state.result === "throttled" || ("retryAfterMs" in state && state.retryAfterMs > 0);
  const error = locked
    ? t.throttled[waitMinutes - 1]
    : state.result === "wrong-code"
      ? t.wrongCode
      : state.result === "replayed"
        ? t.replayed
        : state.result === "expired"
          ? t.expired
          : null;
  return (
    <form action={verify} className="space-y-5" noValidate>
      {error && (
        <p role="alert" id="mfa-error" data-testid="verify-mfa-error" data-result={state.result} className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {error}
          {state.result === "expired" && (
            <>
              {" "}
              <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t.signInAgain}</Link>
            </>
          )}
        </p>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        name="code"
        label={t.code}
        hint={t.codeHint}
        inputMode="numeric"
        autoComplete="one-time-code"
        summaryErrorId={error ? "mfa-error" : undefined}
        testId="verify-mfa-code"
        required
        autoFocus
      />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="verify-mfa-submit" />
    </form>
  );
}
