import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { getConfig } from "@/lib/config";
import { formatSealpostMessageId } from "@/lib/intake/sealpost-message-id";
import type { PreparedAttachment } from "@/lib/portal/compose/prepare-attachments";

export type Mailbox = { name: string; address: string };

export type PortalMimeInput = {
  /** The Sealpost message id this MIME will be accepted under (it is named in the Message-ID). */
  messageId: string;
  from: Mailbox;
  to: Mailbox[];
  cc?: Mailbox[];
  subject: string;
  text: string;
  attachments: PreparedAttachment[];
  /** RFC 5322 §3.6.4: the Message-ID answered and the chain of earlier ones (with angle brackets). */
  inReplyTo?: string | null;
  references?: string[];
};

/**
 * The RFC 5322 message for a reply or a new message written in the portal. nodemailer encodes names and the
 * subject (RFC 2047), adds Date and MIME structure with CRLF line endings. The Message-ID names the Sealpost id
 * so that a reply to this message, arriving later by SMTP, joins the same thread (lib/intake/sealpost-message-id).
 */
export function buildPortalMime(input: PortalMimeInput): Promise<Buffer> {
  const composer = new MailComposer({
    messageId: formatSealpostMessageId(input.messageId, getConfig().SMTP_HOSTNAME),
    from: input.from,
    to: input.to,
    cc: input.cc && input.cc.length > 0 ? input.cc : undefined,
    subject: input.subject,
    text: input.text,
    inReplyTo: input.inReplyTo ?? undefined,
    references: input.references && input.references.length > 0 ? input.references : undefined,
    attachments: input.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content,
    })),
  });
  return composer.compile().build();
}
