import type { AddressObject, ParsedMail } from "mailparser";
import type { RecipientAccess } from "@/lib/portal/require-message-access";
import { listAttachments, type AttachmentView } from "@/lib/portal/read/list-attachments";
import { parseSealedMessage } from "@/lib/portal/read/parse-sealed-message";
import { sanitizeMessageHtml, type SanitizeOptions } from "@/lib/portal/read/sanitize-message-html";

export type AddressView = { name: string; address: string };

export type ReadableMessage = {
  from: AddressView[];
  to: AddressView[];
  cc: AddressView[];
  date: Date | null;
  subject: string;
  /** Sanitised HTML body (lib/portal/read/sanitize-message-html.ts), or null for plain-text messages. */
  html: string | null;
  blockedImages: number;
  text: string;
  attachments: AttachmentView[];
};

function addresses(field: AddressObject | AddressObject[] | undefined): AddressView[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  // Groups (RFC 5322 §3.4) nest their members one level down.
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => (entry.group ?? [entry]).map((member) => ({ name: member.name ?? "", address: member.address ?? "" }))),
  );
}

/** A parsed message as the read views show it: headers, a sanitised HTML body (or the text) and the attachments. */
export function toReadableMessage(parsed: ParsedMail, options: SanitizeOptions = {}): ReadableMessage {
  const sanitized = parsed.html ? sanitizeMessageHtml(parsed.html, options) : null;
  return {
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date: parsed.date ?? null,
    subject: parsed.subject ?? "",
    html: sanitized?.html ?? null,
    blockedImages: sanitized?.blockedImages ?? 0,
    text: parsed.text ?? "",
    attachments: listAttachments(parsed.attachments),
  };
}

/**
 * The message behind a Recipient row the gate has let through, ready to show. Takes the gate's result, not an
 * id, so it cannot be reached without passing the gate.
 */
export async function getReadableMessage(access: RecipientAccess, options: SanitizeOptions = {}): Promise<ReadableMessage> {
  return toReadableMessage(await parseSealedMessage(access.message.id), options);
}
