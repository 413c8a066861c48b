"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resendDeviceCodeAction, verifyDeviceAction, type VerifyDeviceState } from "@/app/(auth)/verify-device/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type VerifyDeviceStrings = {
  code: string;
  codeHint: string;
  submit: string;
  submitting: string;
  /** Index n - 1: "n tries left". */
  wrong: string[];
  locked: string;
  noCode: string;
  expired: string;
  resend: string;
  resending: string;
  resent: string;
  /** Index n - 1: "try again in n minutes". */
  resendThrottled: string[];
  remembered: string;
  signIn: string;
};

export function VerifyDeviceForm({ callbackUrl, t }: { callbackUrl: string; t: VerifyDeviceStrings }) {
  const [verifyState, verify] = useActionState<VerifyDeviceState, FormData>(verifyDeviceAction, { result: null });
  const [resendState, resend] = useActionState<VerifyDeviceState, FormData>(resendDeviceCodeAction, { result: null });
  const error =
    verifyState.result === "wrong"
      ? t.wrong[verifyState.attemptsLeft - 1]
      : verifyState.result === "locked"
        ? t.locked
        : verifyState.result === "no-code"
          ? t.noCode
          : verifyState.result === "expired"
            ? t.expired
            : null;
  const resendMessage =
    resendState.result === "resent"
      ? t.resent
      : resendState.result === "resend-throttled"
        ? t.resendThrottled[Math.min(Math.max(Math.ceil(resendState.retryAfterMs / 60_000), 1), t.resendThrottled.length) - 1]
        : resendState.result === "expired"
          ? t.expired
          : null;
  return (
    <div className="space-y-6">
      <form action={verify} className="space-y-5" noValidate>
        {error && (
          <p role="alert" data-testid="verify-device-error" data-result={verifyState.result} className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
            {error}
            {verifyState.result === "expired" && (
              <>
                {" "}
                <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t.signIn}</Link>
              </>
            )}
          </p>
        )}
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField name="code" label={t.code} hint={t.codeHint} inputMode="numeric" autoComplete="one-time-code" required autoFocus />
        <p className="text-sm text-ink-600">{t.remembered}</p>
        <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="verify-device-submit" />
      </form>
      <form action={resend} className="space-y-3 border-t border-slate-200 pt-4">
        {resendMessage && (
          <p role="status" data-testid="resend-result" className="text-sm text-ink-900">
            {resendMessage}
          </p>
        )}
        <button type="submit" data-testid="resend-code" className="text-base font-medium text-brand-700 underline hover:text-brand-800">
          {t.resend}
        </button>
      </form>
    </div>
  );
}
