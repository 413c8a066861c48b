"use client";

import { useActionState } from "react";
import { createTokenAction, type CreateTokenState } from "@/app/(sender)/settings/tokens/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type CreateTokenStrings = {
  name: string;
  nameHint: string;
  create: string;
  creating: string;
  createdTitle: string;
  createdNote: string;
  /** "{name}" is replaced with the token's name. */
  tokenLabel: string;
  errors: Record<string, string>;
};

const INITIAL: CreateTokenState = { error: null, created: null };

/** Creates a token for `userId`; after success it shows the token once (it lives only in this state). */
export function CreateTokenForm({ userId, t }: { userId: string; t: CreateTokenStrings }) {
  const [state, action] = useActionState(createTokenAction, INITIAL);
  return (
    <div className="space-y-4">
      {state.created && (
        <section aria-labelledby="token-created-heading" data-testid="token-box" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h3 id="token-created-heading" className="font-semibold">
            {t.createdTitle}
          </h3>
          <label htmlFor="new-token" className="block text-sm font-medium">
            {t.tokenLabel.replace("{name}", state.created.name)}
          </label>
          <input
            id="new-token"
            readOnly
            value={state.created.token}
            data-testid="new-token"
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
            onFocus={(event) => event.currentTarget.select()}
          />
          <p className="text-sm text-ink-900">{t.createdNote}</p>
        </section>
      )}
      <form action={action} className="space-y-4" noValidate>
        <input type="hidden" name="userId" value={userId} />
        <TextField
          key={state.created?.token ?? "new"}
          name="name"
          label={t.name}
          hint={t.nameHint}
          error={state.error ? (t.errors[state.error] ?? state.error) : null}
          autoComplete="off"
          testId="token-name"
          required
        />
        <SubmitButton label={t.create} pendingLabel={t.creating} testId="token-create" />
      </form>
    </div>
  );
}
