// The state the reply and compose forms show after a refused submit (shared by client and server; no imports).

export type ComposeField = "to" | "subject" | "body" | "attachments" | "passphrase" | "expiry";

export type ComposeFormState = {
  /** The sentence to show, already in the reader's language; null before any submit. */
  error: string | null;
  /** The field the error is about, marked invalid and described by the error. */
  field: ComposeField | null;
  /** What the person typed, given back because React resets a form after its action (files cannot be). */
  values: { to: string; subject: string; text: string; passphrase: string; expiryDays: string; forceEscrow: boolean; quote: boolean };
};

export const EMPTY_COMPOSE_STATE: ComposeFormState = {
  error: null,
  field: null,
  values: { to: "", subject: "", text: "", passphrase: "", expiryDays: "", forceEscrow: false, quote: true },
};
