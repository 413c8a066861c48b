"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { EMPTY_COMPOSE_STATE, type ComposeFormState } from "@/app/(recipient)/compose/compose-form-state";
import { describeComposeError } from "@/app/(recipient)/compose/describe-compose-error";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireUser } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { ComposeError } from "@/lib/portal/compose/compose-error";
import { sendReply } from "@/lib/portal/compose/send-reply";
import { RecipientAccessBlockedError } from "@/lib/portal/require-message-access";

const replySchema = z.object({
  recipientId: z.string().min(1).max(64),
  all: z.boolean(),
  text: z.string().max(1_000_000),
  quote: z.boolean(),
  idempotencyKey: z.uuid().optional(),
});

/** Sends a secure reply (or reply-all); a public endpoint, so it authenticates, authorises and parses itself. */
export async function replyAction(recipientId: string, all: boolean, _previous: ComposeFormState, formData: FormData): Promise<ComposeFormState> {
  const path = `/inbox/${recipientId}`;
  const actor = await requireUser(`${path}/reply`);
  const locale = await getRequestLocale();
  const t = getMessages(locale).compose;
  const text = typeof formData.get("text") === "string" ? String(formData.get("text")) : "";
  const quote = formData.get("quote") === "on";
  const values = { ...EMPTY_COMPOSE_STATE.values, text, quote };
  const parsed = replySchema.safeParse({ recipientId, all, text, quote, idempotencyKey: formData.get("idempotencyKey") ?? undefined });
  if (!parsed.success) return { error: t.errors.failed, field: null, values };
  try {
    await sendReply(
      actor,
      {
        recipientId: parsed.data.recipientId,
        all: parsed.data.all,
        text: parsed.data.text,
        quoteAttribution: parsed.data.quote ? ({ sender, sentAt }) => t.attribution(formatDateTime(sentAt, locale), sender) : null,
        attachments: formData.getAll("attachments").filter((value): value is File => value instanceof File),
        idempotencyKey: parsed.data.idempotencyKey ?? null,
      },
      { sourceIp: getClientIp(await headers()) },
    );
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    // Revoked, expired or passphrase pending meanwhile: the read page explains.
    if (error instanceof RecipientAccessBlockedError) redirect(path);
    if (!(error instanceof ComposeError)) throw error;
    const config = getConfig();
    return { ...describeComposeError(error, t, { orgName: config.ORG_NAME, maxBytes: config.SMTP_MAX_MESSAGE_BYTES }), values };
  }
  redirect(`${path}/reply/sent`);
}
