"use client";

import { useEffect, useId, useState } from "react";
import { estimatePasswordStrength, MIN_PASSWORD_SCORE, type PasswordStrength } from "@/lib/auth/password-strength";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

export type PasswordFieldsStrings = {
  password: string;
  passwordHint: string;
  confirm: string;
  meterLabel: string;
  meterEmpty: string;
  levels: string[];
  acceptable: string;
  notYet: string;
  passwordError: string | null;
  confirmError: string | null;
};

const BAR_COLOURS = ["bg-red-700", "bg-red-700", "bg-amber-600", "bg-emerald-700", "bg-emerald-700"];

/**
 * "New password" + "again" with a strength meter (zxcvbn-ts, the same estimate the server decides with; its
 * dictionaries load after the first keystroke). The meter is a hint: the server check is what counts. The
 * verdict is announced politely so screen-reader users hear it without losing their place.
 */
export function PasswordFields({ t, userInputs, namePrefix = "" }: { t: PasswordFieldsStrings; userInputs: string[]; namePrefix?: string }) {
  const id = useId();
  const [password, setPassword] = useState("");
  const [strength, setStrength] = useState<PasswordStrength | null>(null);
  // Callers pass a fresh array each render; depend on its contents, or every estimate would trigger another.
  const inputsKey = userInputs.join("\n");
  useEffect(() => {
    if (!password) {
      setStrength(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void estimatePasswordStrength(password, inputsKey.split("\n")).then((result) => current && setStrength(result));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, inputsKey]);

  const ok = strength !== null && !strength.common && strength.score >= MIN_PASSWORD_SCORE && password.length >= MIN_PASSWORD_LENGTH;
  const passwordName = `${namePrefix}password`;
  const confirmName = `${namePrefix}confirm`;
  const describe = (...ids: (string | false)[]) => ids.filter(Boolean).join(" ") || undefined;
  return (
    <>
      <div className="space-y-1">
        <label htmlFor={`${id}-password`} className="block font-medium">
          {t.password}
        </label>
        <p id={`${id}-hint`} className="text-sm text-ink-600">
          {t.passwordHint}
        </p>
        <input
          id={`${id}-password`}
          name={passwordName}
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={t.passwordError ? true : undefined}
          aria-describedby={describe(`${id}-hint`, `${id}-meter`, !!t.passwordError && `${id}-error`)}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base aria-invalid:border-red-700"
        />
        <div className="flex gap-1 pt-1" aria-hidden="true">
          {[0, 1, 2, 3, 4].map((level) => (
            <span
              key={level}
              className={`h-1.5 flex-1 rounded-full ${strength && level <= strength.score ? BAR_COLOURS[strength.score] : "bg-slate-200"}`}
            />
          ))}
        </div>
        <p id={`${id}-meter`} data-testid="password-strength" data-score={strength?.score ?? ""} aria-live="polite" className="text-sm text-ink-600">
          {strength ? `${t.meterLabel}: ${t.levels[strength.score] ?? ""}. ${ok ? t.acceptable : t.notYet}` : t.meterEmpty}
        </p>
        {t.passwordError && (
          <p id={`${id}-error`} data-testid="password-error" className="text-sm font-medium text-red-800">
            {t.passwordError}
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-confirm`} className="block font-medium">
          {t.confirm}
        </label>
        <input
          id={`${id}-confirm`}
          name={confirmName}
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={t.confirmError ? true : undefined}
          aria-describedby={t.confirmError ? `${id}-confirm-error` : undefined}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base aria-invalid:border-red-700"
        />
        {t.confirmError && (
          <p id={`${id}-confirm-error`} data-testid="confirm-error" className="text-sm font-medium text-red-800">
            {t.confirmError}
          </p>
        )}
      </div>
    </>
  );
}
