"use client";

import Link from "next/link";
import { useActionState } from "react";
import { PasswordFields, type PasswordFieldsStrings } from "@/app/(auth)/_components/password-fields";
import { passwordErrorSlots } from "@/app/(auth)/_components/password-texts";
import { registerAction, type RegisterState } from "@/app/(auth)/register/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type RegisterFormStrings = {
  email: string;
  name: string;
  nameHint: string;
  submit: string;
  submitting: string;
  accountExists: string;
  invalidProof: string;
  signIn: string;
  signInHref: string;
  fields: Omit<PasswordFieldsStrings, "passwordError" | "confirmError">;
  errors: Record<string, string>;
};

export function RegisterForm({ email, t }: { email: string; t: RegisterFormStrings }) {
  const [state, formAction] = useActionState<RegisterState, FormData>(registerAction, { error: null, name: "" });
  if (state.error === "account-exists" || state.error === "invalid-proof") {
    return (
      <div role="alert" data-testid="register-error" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
        <p>{state.error === "account-exists" ? t.accountExists : t.invalidProof}</p>
        {state.error === "account-exists" && <Link href={t.signInHref}>{t.signIn}</Link>}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <div className="space-y-1">
        <label htmlFor="register-email" className="block font-medium">
          {t.email}
        </label>
        {/* The address is fixed by the link; shown read-only, and offered to password managers as the user name. */}
        <input
          id="register-email"
          type="email"
          autoComplete="username"
          value={email}
          readOnly
          data-testid="register-email"
          className="block w-full rounded-md border border-slate-300 bg-slate-100 px-3 py-2.5 text-base text-ink-900"
        />
      </div>
      <TextField
        name="name"
        label={t.name}
        hint={t.nameHint}
        autoComplete="name"
        defaultValue={state.name}
        error={state.error === "name" ? (t.errors.name ?? null) : null}
        required
      />
      <PasswordFields t={{ ...t.fields, ...passwordErrorSlots(state.error, t.errors) }} userInputs={[email]} />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="register-submit" />
    </form>
  );
}
