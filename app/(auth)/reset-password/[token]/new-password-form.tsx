"use client";

import Link from "next/link";
import { useActionState } from "react";
import { PasswordFields, type PasswordFieldsStrings } from "@/app/(auth)/_components/password-fields";
import { passwordErrorSlots } from "@/app/(auth)/_components/password-texts";
import { resetPasswordAction, type NewPasswordState } from "@/app/(auth)/reset-password/actions";
import { SubmitButton } from "@/app/_components/submit-button";

export type NewPasswordStrings = {
  save: string;
  saving: string;
  invalidBody: string;
  askAgain: string;
  fields: Omit<PasswordFieldsStrings, "passwordError" | "confirmError">;
  errors: Record<string, string>;
};

export function NewPasswordForm({ token, email, t }: { token: string; email: string; t: NewPasswordStrings }) {
  const [state, formAction] = useActionState<NewPasswordState, FormData>(resetPasswordAction.bind(null, token), { error: null });
  if (state.error === "invalid-token") {
    return (
      <div role="alert" data-testid="reset-invalid" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
        <p>{t.invalidBody}</p>
        <Link href="/reset-password">{t.askAgain}</Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <PasswordFields t={{ ...t.fields, ...passwordErrorSlots(state.error, t.errors) }} userInputs={[email]} />
      <SubmitButton label={t.save} pendingLabel={t.saving} testId="reset-submit" />
    </form>
  );
}
