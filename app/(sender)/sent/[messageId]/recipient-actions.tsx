"use client";

import { useActionState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import {
  changeExpiryAction,
  requirePassphraseAction,
  resendNotificationAction,
  revokeRecipientAction,
  type RecipientActionState,
} from "@/app/(sender)/sent/[messageId]/actions";

export type RecipientActionLabels = {
  heading: string;
  resend: string;
  resending: string;
  resendHint: string;
  revoke: string;
  revoking: string;
  revokeHint: string;
  revokeConfirm: string;
  expiry: string;
  expirySubmit: string;
  expiryPending: string;
  passphrase: string;
  passphraseHint: string;
  passphraseSubmit: string;
  passphrasePending: string;
};

type Props = {
  messageId: string;
  recipientId: string;
  labels: RecipientActionLabels;
  /** YYYY-MM-DD (UTC) bounds and current value of the expiry date field. */
  expiry: { value: string; min: string; max: string };
  canResend: boolean;
  /** The passphrase form is left out when the passphrase feature is missing. */
  canSetPassphrase: boolean;
};

const initial: RecipientActionState = { status: "idle", text: "" };

function Button({ label, pending, variant = "plain", testId }: { label: string; pending: string; variant?: "plain" | "danger"; testId: string }) {
  const { pending: busy } = useFormStatus();
  const style =
    variant === "danger"
      ? "border-red-700 bg-red-700 text-white hover:bg-red-800"
      : "border-slate-400 bg-white text-ink-900 hover:bg-slate-100";
  return (
    <button type="submit" disabled={busy} data-testid={testId} className={`rounded-md border px-3 py-2 text-sm font-semibold disabled:cursor-wait disabled:opacity-70 ${style}`}>
      {busy ? pending : label}
    </button>
  );
}

function Outcome({ state, testId }: { state: RecipientActionState; testId: string }) {
  // Always rendered, so screen readers announce the text when it appears.
  return (
    <p role="status" data-testid={testId} data-outcome={state.status} className={`text-sm ${state.status === "error" ? "font-medium text-red-800" : "text-emerald-800"}`}>
      {state.text}
    </p>
  );
}

function ActionForm({ action, ids, children }: { action: (formData: FormData) => void; ids: Pick<Props, "messageId" | "recipientId">; children: ReactNode }) {
  return (
    <form action={action} className="space-y-2 rounded-md border border-slate-200 p-3">
      <input type="hidden" name="messageId" value={ids.messageId} />
      <input type="hidden" name="recipientId" value={ids.recipientId} />
      {children}
    </form>
  );
}

/** Resend, change the access end, require a passphrase, revoke: one small form each, results announced. */
export function RecipientActions({ messageId, recipientId, labels, expiry, canResend, canSetPassphrase }: Props) {
  const [resendState, resend] = useActionState(resendNotificationAction, initial);
  const [expiryState, changeExpiry] = useActionState(changeExpiryAction, initial);
  const [passphraseState, setPassphrase] = useActionState(requirePassphraseAction, initial);
  const [revokeState, revoke] = useActionState(revokeRecipientAction, initial);
  const ids = { messageId, recipientId };
  const field = (name: string) => `${name}-${recipientId}`;
  return (
    <section aria-label={labels.heading} className="grid gap-3 sm:grid-cols-2">
      {canResend && (
        <ActionForm action={resend} ids={ids}>
          <p className="text-sm text-ink-600">{labels.resendHint}</p>
          <Button label={labels.resend} pending={labels.resending} testId="resend-notification" />
          <Outcome state={resendState} testId="resend-outcome" />
        </ActionForm>
      )}
      <ActionForm action={changeExpiry} ids={ids}>
        <label htmlFor={field("expires-on")} className="block text-sm font-medium">
          {labels.expiry}
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={field("expires-on")}
            name="expiresOn"
            type="date"
            required
            defaultValue={expiry.value}
            min={expiry.min}
            max={expiry.max}
            data-testid="expires-on"
            className="rounded-md border border-slate-400 bg-white px-3 py-2"
          />
          <Button label={labels.expirySubmit} pending={labels.expiryPending} testId="change-expiry" />
        </div>
        <Outcome state={expiryState} testId="expiry-outcome" />
      </ActionForm>
      {canSetPassphrase && (
        <ActionForm action={setPassphrase} ids={ids}>
          <label htmlFor={field("passphrase")} className="block text-sm font-medium">
            {labels.passphrase}
          </label>
          <p id={field("passphrase-hint")} className="text-sm text-ink-600">
            {labels.passphraseHint}
          </p>
          <input
            id={field("passphrase")}
            name="passphrase"
            type="text"
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby={field("passphrase-hint")}
            data-testid="passphrase-input"
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2"
          />
          <Button label={labels.passphraseSubmit} pending={labels.passphrasePending} testId="set-passphrase" />
          <Outcome state={passphraseState} testId="passphrase-outcome" />
        </ActionForm>
      )}
      <ActionForm action={revoke} ids={ids}>
        <p className="text-sm text-ink-600">{labels.revokeHint}</p>
        <div className="flex items-start gap-2">
          <input id={field("revoke-confirm")} name="confirm" value="yes" type="checkbox" required data-testid="revoke-confirm" className="mt-1 size-4" />
          <label htmlFor={field("revoke-confirm")} className="text-sm">
            {labels.revokeConfirm}
          </label>
        </div>
        <Button label={labels.revoke} pending={labels.revoking} variant="danger" testId="revoke-access" />
        <Outcome state={revokeState} testId="revoke-outcome" />
      </ActionForm>
    </section>
  );
}
