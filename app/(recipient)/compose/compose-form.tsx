"use client";

import { useActionState, useState, type FormEvent } from "react";
import { composeAction } from "@/app/(recipient)/compose/actions";
import { EMPTY_COMPOSE_STATE, type ComposeFormState } from "@/app/(recipient)/compose/compose-form-state";
import { filesExceed, FORM_ERROR_ID, FormError, MessageFields, type MessageFieldStrings } from "@/app/(recipient)/compose/message-fields";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type ComposeFormStrings = MessageFieldStrings & {
  to: string;
  toHint: string;
  contactsLabel: string;
  subject: string;
  forceEscrow: string;
  forceEscrowHint: string;
  passphrase: string;
  passphraseHint: string;
  expiry: string;
  expiryHint: string;
  submit: string;
  submitting: string;
  tooLarge: string;
};

type Props = {
  /** Senders and admins choose portal-only delivery, a passphrase and an expiry; recipients do not. */
  staffOptions: boolean;
  contacts: { name: string; email: string }[];
  idempotencyKey: string;
  maxBytes: number;
  accept: string;
  maxExpiryDays: number;
  t: ComposeFormStrings;
};

export function ComposeForm({ staffOptions, contacts, idempotencyKey, maxBytes, accept, maxExpiryDays, t }: Props) {
  const [state, formAction] = useActionState<ComposeFormState, FormData>(composeAction, EMPTY_COMPOSE_STATE);
  const [localError, setLocalError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const tooLarge = filesExceed(event.currentTarget, maxBytes);
    setLocalError(tooLarge ? t.tooLarge : null);
    if (tooLarge) event.preventDefault();
  };
  const shown: ComposeFormState = localError ? { ...state, error: localError, field: "attachments" } : state;
  const v = state.values;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-5" noValidate data-testid="compose-form">
      <FormError message={shown.error} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <TextField
        name="to"
        label={t.to}
        hint={t.toHint}
        autoComplete="off"
        spellCheck={false}
        list={contacts.length > 0 ? "compose-contacts" : undefined}
        defaultValue={v.to}
        summaryErrorId={shown.field === "to" ? FORM_ERROR_ID : undefined}
        required
        testId="compose-to"
      />
      {contacts.length > 0 && (
        <datalist id="compose-contacts" aria-label={t.contactsLabel}>
          {contacts.map((contact) => (
            <option key={contact.email} value={contact.email}>
              {contact.name}
            </option>
          ))}
        </datalist>
      )}
      <TextField name="subject" label={t.subject} defaultValue={v.subject} summaryErrorId={shown.field === "subject" ? FORM_ERROR_ID : undefined} required testId="compose-subject" />
      <MessageFields state={shown} accept={accept} t={t} />
      {staffOptions && (
        <div className="space-y-5 rounded-md border border-slate-200 bg-white p-4">
          <div className="flex items-start gap-3">
            <input
              id="forceEscrow"
              name="forceEscrow"
              type="checkbox"
              defaultChecked={v.forceEscrow}
              aria-describedby="forceEscrow-hint"
              data-testid="compose-force-escrow"
              className="mt-1 size-5 accent-brand-600"
            />
            <div>
              <label htmlFor="forceEscrow" className="font-medium">
                {t.forceEscrow}
              </label>
              <p id="forceEscrow-hint" className="text-sm text-ink-600">
                {t.forceEscrowHint}
              </p>
            </div>
          </div>
          <TextField
            name="passphrase"
            label={t.passphrase}
            hint={t.passphraseHint}
            autoComplete="off"
            spellCheck={false}
            defaultValue={v.passphrase}
            summaryErrorId={shown.field === "passphrase" ? FORM_ERROR_ID : undefined}
            testId="compose-passphrase"
          />
          <TextField
            name="expiryDays"
            label={t.expiry}
            hint={t.expiryHint}
            type="number"
            inputMode="numeric"
            min={1}
            max={maxExpiryDays}
            defaultValue={v.expiryDays}
            summaryErrorId={shown.field === "expiry" ? FORM_ERROR_ID : undefined}
            testId="compose-expiry"
          />
        </div>
      )}
      <SubmitButton label={t.submit} pendingLabel={t.submitting} testId="compose-submit" />
    </form>
  );
}
