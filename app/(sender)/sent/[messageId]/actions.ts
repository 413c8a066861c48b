"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { MIN_PASSPHRASE_LENGTH } from "@/lib/portal/passphrase/passphrase-policy";
import { setRecipientPassphrase } from "@/lib/portal/passphrase/set-passphrase";
import { changeRecipientExpiry } from "@/lib/portal/sender/change-recipient-expiry";
import { resendNotification } from "@/lib/portal/sender/resend-notification";
import { revokeRecipientAccess } from "@/lib/portal/sender/revoke-recipient-access";
import { SenderActionError } from "@/lib/portal/sender/sender-action-error";
import { recipientRefSchema } from "@/lib/portal/sender/sender-action-schema";

// The sender's actions on one recipient. Each is a public endpoint: it authenticates here, and the lib function
// authorises (sender of this message only, audited refusals) and parses again. A refusal is a 404, as for pages.

export type RecipientActionState = { status: "idle" | "done" | "error"; text: string };

type Action = (
  ref: { messageId: string; recipientId: string },
  formData: FormData,
  ctx: { sourceIp: string | null },
) => Promise<RecipientActionState>;

async function runAction(formData: FormData, action: Action): Promise<RecipientActionState> {
  const ref = recipientRefSchema.safeParse({ messageId: formData.get("messageId"), recipientId: formData.get("recipientId") });
  const path = ref.success ? `/sent/${ref.data.messageId}` : "/sent";
  await requireRole(["sender", "admin"], path);
  const t = getMessages(await getRequestLocale()).sent.actions;
  if (!ref.success) return { status: "error", text: t.invalid };
  try {
    const state = await action(ref.data, formData, { sourceIp: getClientIp(await headers()) });
    if (state.status === "done") revalidatePath(path);
    return state;
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    if (error instanceof SenderActionError) return { status: "error", text: t.errors[error.code] };
    if (error instanceof z.ZodError) {
      const code = error.issues[0]?.message;
      if (code === "passphraseTooShort") return { status: "error", text: t.passphraseTooShort(MIN_PASSPHRASE_LENGTH) };
      if (code === "passphraseTooLong") return { status: "error", text: t.passphraseTooLong };
      return { status: "error", text: t.invalid };
    }
    throw error;
  }
}

const done = (text: string): RecipientActionState => ({ status: "done", text });

async function actorFor(ref: { messageId: string }) {
  return requireRole(["sender", "admin"], `/sent/${ref.messageId}`);
}

export async function resendNotificationAction(_previous: RecipientActionState, formData: FormData): Promise<RecipientActionState> {
  return runAction(formData, async (ref, _form, ctx) => {
    await resendNotification(await actorFor(ref), ref, ctx);
    return done(getMessages(await getRequestLocale()).sent.actions.done.resent);
  });
}

export async function revokeRecipientAction(_previous: RecipientActionState, formData: FormData): Promise<RecipientActionState> {
  return runAction(formData, async (ref, form, ctx) => {
    const t = getMessages(await getRequestLocale()).sent.actions;
    // The confirmation box is a speed bump for a final action, checked here so it cannot be skipped by accident.
    if (form.get("confirm") !== "yes") return { status: "error", text: t.revokeConfirmMissing };
    await revokeRecipientAccess(await actorFor(ref), ref, ctx);
    return done(t.done.revoked);
  });
}

// The date field gives a UTC day; access ends at the last minute of it.
const expiryDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).transform((day) => new Date(`${day}T23:59:00.000Z`));

export async function changeExpiryAction(_previous: RecipientActionState, formData: FormData): Promise<RecipientActionState> {
  return runAction(formData, async (ref, form, ctx) => {
    const locale = await getRequestLocale();
    const day = expiryDay.safeParse(form.get("expiresOn"));
    if (!day.success || Number.isNaN(day.data.getTime())) throw new SenderActionError("invalid-expiry");
    const { after } = await changeRecipientExpiry(await actorFor(ref), { ...ref, expiresAt: day.data }, ctx);
    return done(getMessages(locale).sent.actions.done.expiryChanged(formatDateTime(after, locale)));
  });
}

export async function requirePassphraseAction(_previous: RecipientActionState, formData: FormData): Promise<RecipientActionState> {
  return runAction(formData, async (ref, form, ctx) => {
    const passphrase = form.get("passphrase");
    await setRecipientPassphrase(await actorFor(ref), ref.recipientId, typeof passphrase === "string" ? passphrase : "", ctx);
    return done(getMessages(await getRequestLocale()).sent.actions.done.passphraseSet);
  });
}
