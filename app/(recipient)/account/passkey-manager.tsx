"use client";

import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { type FormEvent, useState, useTransition } from "react";
import { passkeyRegistrationOptionsAction, registerPasskeyAction, removePasskeyAction } from "@/app/(recipient)/account/passkey-actions";
import { TextField } from "@/app/_components/text-field";
import type { Messages } from "@/lib/i18n/messages";

export type PasskeyManagerStrings = Pick<
  Messages["passkeys"],
  | "none" | "listLabel" | "nameLabel" | "nameHint" | "add" | "adding" | "addedNotice" | "remove" | "removing" | "removedNotice"
  | "unsupported" | "cancelled" | "alreadyRegistered" | "failed" | "expired"
>;

export type PasskeyListItem = { id: string; name: string; details: string; removeLabel: string };

type Status = { kind: "success" | "error"; text: string } | null;

/** Lists the person's passkeys and runs the add (WebAuthn registration) and remove actions. */
export function PasskeyManager({ passkeys, t }: { passkeys: PasskeyListItem[]; t: PasskeyManagerStrings }) {
  const [status, setStatus] = useState<Status>(null);
  const [adding, setAdding] = useState(false);
  const [removing, startRemoving] = useTransition();
  const [removingId, setRemovingId] = useState<string | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = new FormData(form).get("passkeyName");
    setStatus(null);
    if (!browserSupportsWebAuthn()) return setStatus({ kind: "error", text: t.unsupported });
    setAdding(true);
    try {
      const optionsJSON = await passkeyRegistrationOptionsAction();
      let response;
      try {
        response = await startRegistration({ optionsJSON });
      } catch (error) {
        // InvalidStateError: this authenticator already holds one of the excluded (existing) credentials.
        const previously = error instanceof Error && error.name === "InvalidStateError";
        return setStatus({ kind: "error", text: previously ? t.alreadyRegistered : t.cancelled });
      }
      const result = await registerPasskeyAction(response, name);
      if (result.ok) {
        form.reset();
        return setStatus({ kind: "success", text: t.addedNotice });
      }
      setStatus({ kind: "error", text: result.error === "expired" ? t.expired : result.error === "already-registered" ? t.alreadyRegistered : t.failed });
    } finally {
      setAdding(false);
    }
  }

  function remove(id: string) {
    setStatus(null);
    setRemovingId(id);
    startRemoving(async () => {
      const result = await removePasskeyAction(id);
      setStatus(result.ok ? { kind: "success", text: t.removedNotice } : { kind: "error", text: t.failed });
      setRemovingId(null);
    });
  }

  return (
    <div className="space-y-5">
      <div role="status" aria-live="polite" data-testid="passkey-status">
        {status && (
          <p
            className={
              status.kind === "success"
                ? "rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900"
                : "rounded-md border border-red-300 bg-red-50 p-3 text-red-900"
            }
          >
            {status.text}
          </p>
        )}
      </div>
      {passkeys.length === 0 ? (
        <p data-testid="passkeys-empty">{t.none}</p>
      ) : (
        <ul aria-label={t.listLabel} className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {passkeys.map((passkey) => (
            <li key={passkey.id} data-testid="passkey-item" className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div className="min-w-0">
                <p className="font-medium wrap-anywhere">{passkey.name}</p>
                <p className="text-sm text-ink-600">{passkey.details}</p>
              </div>
              <button
                type="button"
                onClick={() => remove(passkey.id)}
                disabled={removing}
                aria-label={passkey.removeLabel}
                data-testid="passkey-remove"
                className="rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:cursor-wait disabled:opacity-70"
              >
                {removingId === passkey.id ? t.removing : t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="space-y-4">
        <TextField name="passkeyName" label={t.nameLabel} hint={t.nameHint} autoComplete="off" />
        <button
          type="submit"
          disabled={adding}
          data-testid="passkey-add"
          className="w-full rounded-md bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70 sm:w-auto"
        >
          {adding ? t.adding : t.add}
        </button>
      </form>
    </div>
  );
}
