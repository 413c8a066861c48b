"use client";

import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { useState } from "react";
import { passkeySignInAction, passkeySignInOptionsAction } from "@/app/(auth)/signin/passkey-sign-in-actions";

type Strings = { signInWith: string; signingIn: string; signInOr: string; signInFailed: string; signInCancelled: string; unsupported: string };

/** "Sign in with a passkey": no email needed, the browser offers the passkeys it holds for this site. */
export function PasskeySignInButton({ callbackUrl, t }: { callbackUrl: string; t: Strings }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signInWithPasskey() {
    setError(null);
    if (!browserSupportsWebAuthn()) return setError(t.unsupported);
    setBusy(true);
    try {
      const optionsJSON = await passkeySignInOptionsAction();
      let response;
      try {
        response = await startAuthentication({ optionsJSON });
      } catch {
        return setError(t.signInCancelled);
      }
      // Success navigates away; only a refusal comes back.
      await passkeySignInAction(response, callbackUrl);
      setError(t.signInFailed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      <p className="flex items-center gap-3 text-sm text-ink-600" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-300" />
        {t.signInOr}
        <span className="h-px flex-1 bg-slate-300" />
      </p>
      {error && (
        <p role="alert" data-testid="passkey-sign-in-error" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      <button
        type="button"
        onClick={signInWithPasskey}
        disabled={busy}
        data-testid="passkey-sign-in"
        className="w-full rounded-md border border-brand-600 bg-white px-4 py-3 text-base font-semibold text-brand-700 hover:bg-brand-50 disabled:cursor-wait disabled:opacity-70"
      >
        {busy ? t.signingIn : t.signInWith}
      </button>
    </div>
  );
}
