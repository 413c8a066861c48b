"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireUser } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { enterPassphraseSchema } from "@/lib/portal/passphrase/passphrase-schema";
import { verifyRecipientPassphrase, type PassphraseCheck } from "@/lib/portal/passphrase/verify-passphrase";
import { RecipientAccessBlockedError } from "@/lib/portal/require-message-access";

/** `error`: the sentence to show, already in the reader's language (it carries counts and times). */
export type PassphraseFormState = { error: string | null };

/** Checks the typed passphrase; a public endpoint, so it authenticates and parses its own input. */
export async function enterPassphraseAction(recipientId: string, _previous: PassphraseFormState, formData: FormData): Promise<PassphraseFormState> {
  const path = `/inbox/${recipientId}`;
  const actor = await requireUser(`${path}/passphrase`);
  const locale = await getRequestLocale();
  const t = getMessages(locale).passphrase;
  const parsed = enterPassphraseSchema.safeParse({ recipientId, passphrase: formData.get("passphrase") ?? "" });
  if (!parsed.success) {
    return { error: parsed.error.issues.some((issue) => issue.message === "passphraseTooLong") ? t.tooLong : t.missing };
  }
  let result: PassphraseCheck;
  try {
    result = await verifyRecipientPassphrase(actor, parsed.data.recipientId, parsed.data.passphrase, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    // Revoked or expired meanwhile: the read page explains.
    if (error instanceof RecipientAccessBlockedError) redirect(path);
    throw error;
  }
  if (result.status === "verified") redirect(path);
  if (result.status === "wrong") return { error: t.wrong(result.attemptsLeft) };
  return { error: t.locked(formatDateTime(result.lockedUntil, locale)) };
}
