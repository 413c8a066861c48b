"use client";

import { useActionState, useState, type FormEvent } from "react";
import { replyAction } from "@/app/(recipient)/inbox/[recipientId]/reply/actions";
import { EMPTY_COMPOSE_STATE, type ComposeFormState } from "@/app/(recipient)/compose/compose-form-state";
import { filesExceed, FormError, MessageFields, type MessageFieldStrings } from "@/app/(recipient)/compose/message-fields";
import { SubmitButton } from "@/app/_components/submit-button";

export type ReplyFormStrings = MessageFieldStrings & { quote: string; submit: string; submitting: string; tooLarge: string };

type Props = { recipientId: string; all: boolean; idempotencyKey: string; maxBytes: number; accept: string; t: ReplyFormStrings };

export function ReplyForm({ recipientId, all, idempotencyKey, maxBytes, accept, t }: Props) {
  const [state, formAction] = useActionState<ComposeFormState, FormData>(replyAction.bind(null, recipientId, all), EMPTY_COMPOSE_STATE);
  const [localError, setLocalError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const tooLarge = filesExceed(event.currentTarget, maxBytes);
    setLocalError(tooLarge ? t.tooLarge : null);
    if (tooLarge) event.preventDefault();
  };
  const shown: ComposeFormState = localError ? { ...state, error: localError, field: "attachments" } : state;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-5" noValidate data-testid="reply-form">
      <FormError message={shown.error} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <MessageFields state={shown} accept={accept} t={t} />
      <div className="flex items-start gap-3">
        <input id="quote" name="quote" type="checkbox" defaultChecked={state.values.quote} data-testid="reply-quote" className="mt-1 size-5 accent-brand-600" />
        <label htmlFor="quote">{t.quote}</label>
      </div>
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="reply-submit" />
    </form>
  );
}
