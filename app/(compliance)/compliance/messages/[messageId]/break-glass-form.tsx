"use client";

import { useActionState } from "react";
import { grantBreakGlassAction, type BreakGlassState } from "@/app/(compliance)/compliance/messages/[messageId]/actions";
import { SubmitButton } from "@/app/_components/submit-button";

export type BreakGlassFormLabels = {
  justification: string;
  hint: string;
  submit: string;
  submitting: string;
  errors: Record<NonNullable<BreakGlassState["error"]>, string>;
};

const initial: BreakGlassState = { error: null, justification: "" };

/** The written justification that must come before any reading of content. */
export function BreakGlassForm({ messageId, minLength, labels }: { messageId: string; minLength: number; labels: BreakGlassFormLabels }) {
  const [state, action] = useActionState(grantBreakGlassAction, initial);
  const error = state.error ? labels.errors[state.error] : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="messageId" value={messageId} />
      <div className="space-y-1">
        <label htmlFor="justification" className="block font-medium">
          {labels.justification}
        </label>
        <p id="justification-hint" className="text-sm text-ink-600">
          {labels.hint}
        </p>
        <textarea
          id="justification"
          name="justification"
          key={state.justification}
          defaultValue={state.justification}
          rows={4}
          minLength={minLength}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "justification-hint justification-error" : "justification-hint"}
          data-testid="break-glass-justification"
          className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base aria-invalid:border-red-700"
        />
        {error && (
          <p id="justification-error" data-testid="break-glass-error" className="text-sm font-medium text-red-800">
            {error}
          </p>
        )}
      </div>
      <SubmitButton label={labels.submit} pendingLabel={labels.submitting} testId="break-glass-submit" />
    </form>
  );
}
