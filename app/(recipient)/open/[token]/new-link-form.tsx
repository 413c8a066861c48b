"use client";

import { useActionState } from "react";
import { requestNewLinkAction, type NewLinkState } from "@/app/(recipient)/open/actions";
import { SubmitButton } from "@/app/_components/submit-button";

export function NewLinkForm({ token, t }: { token: string; t: { newLink: string; sending: string; sent: string } }) {
  const [state, formAction] = useActionState<NewLinkState, FormData>(requestNewLinkAction.bind(null, token), { sent: false });
  if (state.sent) {
    return (
      <p role="status" data-testid="new-link-sent" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
        {t.sent}
      </p>
    );
  }
  return (
    <form action={formAction}>
      <SubmitButton label={t.newLink} pendingLabel={t.sending} testId="new-link" />
    </form>
  );
}
