"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages, type Messages } from "@/lib/i18n/messages";
import { releaseLegalHold } from "@/lib/retention/release-legal-hold";
import { RETENTION_ROLES } from "@/lib/retention/require-retention-role";
import { RetentionError } from "@/lib/retention/retention-error";
import { setLegalHold } from "@/lib/retention/set-legal-hold";
import { setMessageRetention } from "@/lib/retention/set-message-retention";
import { shredMessage } from "@/lib/retention/shred-message";

// The retention panel's actions on one message. Each is a public endpoint: it authenticates and checks the role
// here, and the lib function checks the role again (audited) and validates. A refusal is a 404, as for pages.

export type RetentionActionState = { status: "idle" | "done" | "error"; text: string };

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

type Action = (
  actor: Actor,
  messageId: string,
  formData: FormData,
  ctx: { sourceIp: string | null; t: Messages["retention"]["panel"]; locale: Locale },
) => Promise<RetentionActionState>;

async function runAction(formData: FormData, action: Action): Promise<RetentionActionState> {
  const raw = formData.get("messageId");
  const messageId = typeof raw === "string" && MESSAGE_ID.test(raw) ? raw : null;
  const path = messageId ? `/compliance/messages/${messageId}` : "/compliance";
  const actor = await requireRole(RETENTION_ROLES, path);
  const locale = await getRequestLocale();
  const t = getMessages(locale).retention.panel;
  if (!messageId) return { status: "error", text: t.errors.invalid };
  try {
    const state = await action(actor, messageId, formData, { sourceIp: getClientIp(await headers()), t, locale });
    if (state.status === "done") revalidatePath(path);
    return state;
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    if (error instanceof RetentionError) return { status: "error", text: t.errors[error.code] };
    throw error;
  }
}

// The date field gives a UTC day; the content is kept to the end of it.
const retainDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((day) => new Date(`${day}T23:59:00.000Z`))
  .refine((date) => !Number.isNaN(date.getTime()));

type Intent = "set-retention" | "clear-retention" | "set-hold" | "release-hold" | "shred";

const INTENTS: Record<Intent, Action> = {
  "set-retention": async (actor, messageId, form, { sourceIp, t, locale }) => {
    const day = retainDay.safeParse(form.get("retainUntil"));
    if (!day.success) return { status: "error", text: t.errors["invalid-date"] };
    const { after } = await setMessageRetention(actor, messageId, day.data, { sourceIp });
    return { status: "done", text: after ? t.done.retentionSet(formatDateTime(after, locale)) : t.done.retentionCleared };
  },
  "clear-retention": async (actor, messageId, _form, { sourceIp, t }) => {
    await setMessageRetention(actor, messageId, null, { sourceIp });
    return { status: "done", text: t.done.retentionCleared };
  },
  "set-hold": async (actor, messageId, form, { sourceIp, t }) => {
    await setLegalHold(actor, messageId, String(form.get("reason") ?? ""), { sourceIp });
    return { status: "done", text: t.done.holdSet };
  },
  "release-hold": async (actor, messageId, form, { sourceIp, t }) => {
    await releaseLegalHold(actor, messageId, String(form.get("reason") ?? ""), { sourceIp });
    return { status: "done", text: t.done.holdReleased };
  },
  shred: async (actor, messageId, form, { sourceIp, t }) => {
    // The confirmation box is a speed bump for a final action, checked here so it cannot be skipped by accident.
    if (form.get("confirm") !== "yes") return { status: "error", text: t.errors.confirmMissing };
    await shredMessage(actor, messageId, { sourceIp });
    return { status: "done", text: t.done.shredded };
  },
};

function isIntent(value: unknown): value is Intent {
  return typeof value === "string" && Object.hasOwn(INTENTS, value);
}

/**
 * Every form of the panel posts here with an `intent`, so one status line announces the latest outcome even
 * when the form that caused it disappears (a hold set swaps the hold form for the release form).
 */
export async function retentionPanelAction(_previous: RetentionActionState, formData: FormData): Promise<RetentionActionState> {
  const intent = formData.get("intent");
  return runAction(formData, async (actor, messageId, form, ctx) =>
    isIntent(intent) ? INTENTS[intent](actor, messageId, form, ctx) : { status: "error", text: ctx.t.errors.invalid },
  );
}
