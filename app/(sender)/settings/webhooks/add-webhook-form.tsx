"use client";

import { useActionState } from "react";
import { addWebhookAction, type AddWebhookState } from "@/app/(sender)/settings/webhooks/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";
import type { Messages } from "@/lib/i18n/messages";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";

const INITIAL: AddWebhookState = { error: null, created: null, url: "" };

/** Plain strings only: a server component cannot hand functions to a client component. */
export type AddWebhookStrings = Pick<
  Messages["webhooks"],
  "urlLabel" | "urlHint" | "eventsLegend" | "events" | "add" | "adding" | "secretTitle" | "secretNote" | "secretLabel" | "errors"
>;

/** The add form; after a successful add it shows the signing secret, once (it lives only in this state). */
export function AddWebhookForm({ t }: { t: AddWebhookStrings }) {
  const [state, action] = useActionState(addWebhookAction, INITIAL);
  const urlError = state.error && state.error !== "noEvents" ? t.errors[state.error] : null;
  return (
    <div className="space-y-6">
      {state.created && (
        <section aria-labelledby="secret-heading" data-testid="webhook-secret-box" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h3 id="secret-heading" className="font-semibold">
            {t.secretTitle}
          </h3>
          <p className="text-sm text-ink-900 wrap-anywhere">{state.created.url}</p>
          <label htmlFor="webhook-secret" className="block text-sm font-medium">
            {t.secretLabel}
          </label>
          <input
            id="webhook-secret"
            readOnly
            value={state.created.secret}
            data-testid="webhook-secret"
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
            onFocus={(event) => event.currentTarget.select()}
          />
          <p className="text-sm text-ink-900">{t.secretNote}</p>
        </section>
      )}
      <form action={action} className="space-y-4" noValidate>
        <TextField name="url" type="url" label={t.urlLabel} hint={t.urlHint} error={urlError} defaultValue={state.url} required />
        <fieldset className="space-y-2" aria-describedby={state.error === "noEvents" ? "events-error" : undefined}>
          <legend className="font-medium">{t.eventsLegend}</legend>
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
                <input type="checkbox" name="events" value={event} defaultChecked data-testid={`event-${event}`} className="h-5 w-5" />
                <span>{t.events[event]}</span>
              </label>
            ))}
          </div>
          {state.error === "noEvents" && (
            <p id="events-error" data-testid="events-error" className="text-sm font-medium text-red-800">
              {t.errors.noEvents}
            </p>
          )}
        </fieldset>
        <SubmitButton label={t.add} pendingLabel={t.adding} testId="add-webhook" />
      </form>
    </div>
  );
}
