"use client";

import { useActionState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { retentionPanelAction, type RetentionActionState } from "@/app/(compliance)/compliance/messages/[messageId]/retention-actions";
import type { Messages } from "@/lib/i18n/messages";

type Labels = Messages["retention"]["panel"];

type Props = {
  messageId: string;
  labels: Pick<Labels, "override" | "hold" | "release" | "shred">;
  /** YYYY-MM-DD (UTC): the override's current value ("" for none) and the earliest day allowed. */
  retainUntil: { value: string; min: string };
  hasOverride: boolean;
  legalHold: boolean;
  /** Why shredding by hand is not possible right now, in plain words; null when it is. */
  shredBlocked: string | null;
  reasonLength: { min: number; max: number };
};

const initial: RetentionActionState = { status: "idle", text: "" };

function Button({ label, pending, variant = "plain", testId }: { label: string; pending: string; variant?: "plain" | "danger"; testId: string }) {
  const { pending: busy } = useFormStatus();
  const style =
    variant === "danger" ? "border-red-700 bg-red-700 text-white hover:bg-red-800" : "border-slate-400 bg-white text-ink-900 hover:bg-slate-100";
  return (
    <button type="submit" disabled={busy} data-testid={testId} className={`rounded-md border px-3 py-2 text-sm font-semibold disabled:cursor-wait disabled:opacity-70 ${style}`}>
      {busy ? pending : label}
    </button>
  );
}

function IntentForm({ action, messageId, intent, children }: { action: (formData: FormData) => void; messageId: string; intent: string; children: ReactNode }) {
  return (
    <form action={action} className="space-y-2 rounded-md border border-slate-200 p-3" data-testid={`retention-${intent}`}>
      <input type="hidden" name="messageId" value={messageId} />
      <input type="hidden" name="intent" value={intent} />
      {children}
    </form>
  );
}

/**
 * The panel's forms: the message's own retention date, legal hold (set with a reason, or release) and shred now
 * behind a disclosure and a confirmation box. All post to one action, so one status line reports the outcome.
 */
export function RetentionForms({ messageId, labels, retainUntil, hasOverride, legalHold, shredBlocked, reasonLength }: Props) {
  const [state, action] = useActionState(retentionPanelAction, initial);
  const field = (name: string) => `retention-${name}`;
  return (
    <div className="space-y-3">
      {/* Always rendered, so screen readers announce the text when it appears. */}
      <p
        role="status"
        data-testid="retention-outcome"
        data-outcome={state.status}
        className={`text-sm ${state.status === "error" ? "font-medium text-red-800" : "text-emerald-800"}`}
      >
        {state.text}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <IntentForm action={action} messageId={messageId} intent="set-retention">
          <label htmlFor={field("until")} className="block text-sm font-medium">
            {labels.override.label}
          </label>
          <p id={field("until-hint")} className="text-sm text-ink-600">
            {labels.override.hint}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id={field("until")}
              name="retainUntil"
              type="date"
              required
              defaultValue={retainUntil.value}
              min={retainUntil.min}
              aria-describedby={field("until-hint")}
              data-testid="retain-until"
              className="rounded-md border border-slate-400 bg-white px-3 py-2"
            />
            <Button label={labels.override.submit} pending={labels.override.pending} testId="retain-until-submit" />
          </div>
        </IntentForm>
        {hasOverride && (
          <IntentForm action={action} messageId={messageId} intent="clear-retention">
            <Button label={labels.override.clear} pending={labels.override.clearing} testId="retain-until-clear" />
          </IntentForm>
        )}
        {legalHold ? (
          <IntentForm action={action} messageId={messageId} intent="release-hold">
            <label htmlFor={field("release-reason")} className="block text-sm font-medium">
              {labels.release.reasonLabel}
            </label>
            <p id={field("release-hint")} className="text-sm text-ink-600">
              {labels.release.reasonHint}
            </p>
            <input
              id={field("release-reason")}
              name="reason"
              type="text"
              maxLength={reasonLength.max}
              aria-describedby={field("release-hint")}
              data-testid="release-reason"
              className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2"
            />
            <Button label={labels.release.submit} pending={labels.release.pending} testId="release-hold" />
          </IntentForm>
        ) : (
          <IntentForm action={action} messageId={messageId} intent="set-hold">
            <label htmlFor={field("hold-reason")} className="block text-sm font-medium">
              {labels.hold.reasonLabel}
            </label>
            <p id={field("hold-hint")} className="text-sm text-ink-600">
              {labels.hold.reasonHint}
            </p>
            <textarea
              id={field("hold-reason")}
              name="reason"
              rows={2}
              required
              minLength={reasonLength.min}
              maxLength={reasonLength.max}
              aria-describedby={field("hold-hint")}
              data-testid="hold-reason"
              className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2"
            />
            <Button label={labels.hold.submit} pending={labels.hold.pending} testId="set-hold" />
          </IntentForm>
        )}
      </div>
      <details className="rounded-md border border-red-200 p-3" data-testid="shred-details">
        <summary className="cursor-pointer text-sm font-semibold text-red-800">{labels.shred.open}</summary>
        <div className="mt-3 space-y-2">
          <h3 className="font-semibold">{labels.shred.heading}</h3>
          <p className="text-sm text-ink-600">{labels.shred.explanation}</p>
          {shredBlocked ? (
            <p className="text-sm font-medium" data-testid="shred-blocked">
              {shredBlocked}
            </p>
          ) : (
            <IntentForm action={action} messageId={messageId} intent="shred">
              <div className="flex items-start gap-2">
                <input id={field("shred-confirm")} name="confirm" value="yes" type="checkbox" required data-testid="shred-confirm" className="mt-1 size-4" />
                <label htmlFor={field("shred-confirm")} className="text-sm">
                  {labels.shred.confirm}
                </label>
              </div>
              <Button label={labels.shred.submit} pending={labels.shred.pending} variant="danger" testId="shred-submit" />
            </IntentForm>
          )}
        </div>
      </details>
    </div>
  );
}
