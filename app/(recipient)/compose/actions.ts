"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { EMPTY_COMPOSE_STATE, type ComposeFormState } from "@/app/(recipient)/compose/compose-form-state";
import { describeComposeError } from "@/app/(recipient)/compose/describe-compose-error";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { ComposeError } from "@/lib/portal/compose/compose-error";
import { composeMessage, MAX_EXPIRY_DAYS, type ComposeInput } from "@/lib/portal/compose/compose-message";

// Lengths are checked again (with explanations) by composeMessage; these bounds only keep absurd input out.
const composeSchema = z.object({
  to: z.string().max(20_000),
  subject: z.string().max(1_000),
  text: z.string().max(1_000_000),
  forceEscrow: z.literal("on").optional(),
  passphrase: z.string().max(1_000),
  expiryDays: z.string().regex(/^\s*\d{0,4}\s*$/).transform((value) => (value.trim() === "" ? null : Number(value))),
  idempotencyKey: z.uuid().optional(),
});

/** Sends a new secure message written in the portal; a public endpoint, so it authenticates and parses itself. */
export async function composeAction(_previous: ComposeFormState, formData: FormData): Promise<ComposeFormState> {
  const actor = await requireRole(["recipient", "sender", "admin"], "/compose");
  const t = (await getRequestMessages()).compose;
  const field = (name: string) => (typeof formData.get(name) === "string" ? String(formData.get(name)) : "");
  const values = {
    ...EMPTY_COMPOSE_STATE.values,
    to: field("to"),
    subject: field("subject"),
    text: field("text"),
    passphrase: field("passphrase"),
    expiryDays: field("expiryDays"),
    forceEscrow: field("forceEscrow") === "on",
  };
  const parsed = composeSchema.safeParse({
    ...values,
    forceEscrow: formData.get("forceEscrow") ?? undefined,
    idempotencyKey: formData.get("idempotencyKey") ?? undefined,
  });
  if (!parsed.success) {
    const expiry = parsed.error.issues.some((issue) => issue.path[0] === "expiryDays");
    return { error: expiry ? t.errors["expiry-invalid"](String(MAX_EXPIRY_DAYS)) : t.errors.failed, field: expiry ? "expiry" : null, values };
  }
  const input: ComposeInput = {
    to: parsed.data.to.split(/[,;\n]/),
    subject: parsed.data.subject,
    text: parsed.data.text,
    attachments: formData.getAll("attachments").filter((value): value is File => value instanceof File),
    forceEscrow: parsed.data.forceEscrow === "on",
    passphrase: parsed.data.passphrase === "" ? null : parsed.data.passphrase,
    expiryDays: parsed.data.expiryDays,
    idempotencyKey: parsed.data.idempotencyKey ?? null,
  };
  let messageId: string;
  try {
    ({ messageId } = await composeMessage(actor, input, { sourceIp: getClientIp(await headers()) }));
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    if (!(error instanceof ComposeError)) throw error;
    const config = getConfig();
    return { ...describeComposeError(error, t, { orgName: config.ORG_NAME, maxBytes: config.SMTP_MAX_MESSAGE_BYTES }), values };
  }
  // The message id names nothing of the content; the sent page links senders to its delivery timeline.
  redirect(actor.role === "recipient" ? "/compose/sent" : `/compose/sent?message=${encodeURIComponent(messageId)}`);
}
