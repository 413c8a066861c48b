"use client";

import { useActionState } from "react";
import { enterPassphraseAction, type PassphraseFormState } from "@/app/(recipient)/inbox/[recipientId]/passphrase/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

type Props = {
  recipientId: string;
  t: { label: string; submit: string; submitting: string };
  /** Shown before any attempt when the message is already locked. */
  initialError: string | null;
};

export function PassphraseForm({ recipientId, t, initialError }: Props) {
  const [state, formAction] = useActionState<PassphraseFormState, FormData>(enterPassphraseAction.bind(null, recipientId), {
    error: initialError,
  });
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.error && (
        <p role="alert" data-testid="passphrase-error" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {state.error}
        </p>
      )}
      <TextField name="passphrase" label={t.label} type="password" autoComplete="off" required />
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="passphrase-submit" />
    </form>
  );
}
