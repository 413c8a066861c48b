"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { challengeCookieName, clearedChallengeCookie } from "@/lib/auth/passkeys/challenge-cookie";
import { createPasskeyRegistrationOptions } from "@/lib/auth/passkeys/create-registration-options";
import { PasskeyError } from "@/lib/auth/passkeys/passkey-error";
import { registerPasskey } from "@/lib/auth/passkeys/register-passkey";
import { removePasskey } from "@/lib/auth/passkeys/remove-passkey";
import { requireUser } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";

// The /account passkey ceremonies. Each action is a public endpoint: it authenticates and parses its own input;
// lib/auth/passkeys checks the WebAuthn data itself.

const ACCOUNT_PATH = "/account";

/** Step one of adding a passkey: options for the browser, challenge in a signed HttpOnly cookie. */
export async function passkeyRegistrationOptionsAction(): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const actor = await requireUser(ACCOUNT_PATH);
  const { options, cookie } = await createPasskeyRegistrationOptions(actor);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  return options;
}

export type AddPasskeyResult = { ok: true } | { ok: false; error: "expired" | "already-registered" | "failed" };

/** Step two: verify the browser's answer and store the passkey. */
export async function registerPasskeyAction(response: unknown, name: unknown): Promise<AddPasskeyResult> {
  const actor = await requireUser(ACCOUNT_PATH);
  const store = await cookies();
  const challengeCookie = store.get(challengeCookieName())?.value;
  const cleared = clearedChallengeCookie();
  store.set(cleared.name, cleared.value, cleared.options);
  try {
    const fallbackName = (await getRequestMessages()).passkeys.defaultName;
    await registerPasskey(actor, { response, name, fallbackName, challengeCookie }, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (!(error instanceof PasskeyError)) throw error;
    if (error.code === "challenge") return { ok: false, error: "expired" };
    return { ok: false, error: error.code === "already-registered" ? "already-registered" : "failed" };
  }
  revalidatePath(ACCOUNT_PATH);
  return { ok: true };
}

export type RemovePasskeyResult = { ok: boolean };

/** Removes one of the signed-in person's passkeys; another person's id is refused (and audited by lib). */
export async function removePasskeyAction(passkeyId: unknown): Promise<RemovePasskeyResult> {
  const actor = await requireUser(ACCOUNT_PATH);
  const id = z.string().min(1).max(64).safeParse(passkeyId);
  if (!id.success) return { ok: false };
  try {
    await removePasskey(actor, id.data, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof AccessDeniedError) return { ok: false };
    throw error;
  }
  revalidatePath(ACCOUNT_PATH);
  return { ok: true };
}
