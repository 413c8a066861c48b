"use client";

import { useActionState } from "react";
import { acceptInvitationAction, type AcceptInvitationState } from "@/app/(auth)/invite/[token]/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type AcceptInvitationLabels = {
  name: string;
  password: string;
  passwordHint: string;
  confirm: string;
  submit: string;
  submitting: string;
  invalidTitle: string;
  invalidBody: string;
  /** users.errors, with the length already filled in. */
  errors: Record<string, string>;
};

export function AcceptInvitationForm({ token, defaultName, labels }: { token: string; defaultName: string; labels: AcceptInvitationLabels }) {
  const [state, action] = useActionState(acceptInvitationAction.bind(null, token), { error: null, name: defaultName } satisfies AcceptInvitationState);
  if (state.error === "invalid-token") {
    return (
      <div role="alert" data-testid="invite-invalid" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
        <p className="font-semibold">{labels.invalidTitle}</p>
        <p>{labels.invalidBody}</p>
      </div>
    );
  }
  const passwordError = state.error && state.error !== "name" ? (labels.errors[state.error] ?? labels.errors.passwordWeak ?? null) : null;
  return (
    <form action={action} className="space-y-5" noValidate>
      <TextField name="name" label={labels.name} autoComplete="name" defaultValue={state.name} error={state.error === "name" ? labels.errors.name : null} required />
      <TextField name="password" label={labels.password} type="password" autoComplete="new-password" hint={labels.passwordHint} error={passwordError} required />
      <TextField name="confirm" label={labels.confirm} type="password" autoComplete="new-password" required />
      <SubmitButton label={labels.submit} pendingLabel={labels.submitting} testId="accept-invitation-submit" />
    </form>
  );
}
