"use client";

import type { ComposeFormState } from "@/app/(recipient)/compose/compose-form-state";

// The error summary's id: fields the error is about point at it with aria-describedby.
export const FORM_ERROR_ID = "compose-error";

export type MessageFieldStrings = { body: string; bodyHint: string; attachments: string; attachmentsHint: string };

/** The message text and the attachment picker, shared by the reply and compose forms. */
export function MessageFields({ state, accept, t }: { state: ComposeFormState; accept: string; t: MessageFieldStrings }) {
  const bodyInvalid = state.field === "body";
  const filesInvalid = state.field === "attachments";
  return (
    <>
      <div className="space-y-1">
        <label htmlFor="text" className="block font-medium">
          {t.body}
        </label>
        <p id="text-hint" className="text-sm text-ink-600">
          {t.bodyHint}
        </p>
        <textarea
          id="text"
          name="text"
          rows={10}
          defaultValue={state.values.text}
          data-testid="compose-body"
          aria-invalid={bodyInvalid ? true : undefined}
          aria-describedby={bodyInvalid ? `text-hint ${FORM_ERROR_ID}` : "text-hint"}
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base aria-invalid:border-red-700"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="attachments" className="block font-medium">
          {t.attachments}
        </label>
        <p id="attachments-hint" className="text-sm text-ink-600">
          {t.attachmentsHint}
        </p>
        <input
          id="attachments"
          name="attachments"
          type="file"
          multiple
          accept={accept}
          data-testid="compose-attachments"
          aria-invalid={filesInvalid ? true : undefined}
          aria-describedby={filesInvalid ? `attachments-hint ${FORM_ERROR_ID}` : "attachments-hint"}
          className="block w-full text-base file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-2 file:font-medium hover:file:bg-slate-100"
        />
      </div>
    </>
  );
}

/**
 * True when the chosen files alone exceed the overall limit: checked in the browser too, so nobody waits for a
 * large upload only to be refused (the server checks again; this is a convenience, not the rule).
 */
export function filesExceed(form: HTMLFormElement, maxBytes: number): boolean {
  const input = form.elements.namedItem("attachments");
  if (!(input instanceof HTMLInputElement) || !input.files) return false;
  let total = 0;
  for (const file of Array.from(input.files)) total += file.size;
  return total > maxBytes;
}

/** The error summary at the top of the form; announced when it appears. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p id={FORM_ERROR_ID} role="alert" data-testid="compose-error" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
      {message}
    </p>
  );
}
