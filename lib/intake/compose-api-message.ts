import MailComposer from "nodemailer/lib/mail-composer";
import type { ApiMessage } from "@/lib/intake/api-message-schema";

/**
 * Builds the RFC 5322 message for an API submission. From is always the token owner: the API cannot send in
 * another sender's name. nodemailer adds Date, Message-ID and MIME structure with CRLF line endings.
 */
export function composeApiMessage(message: ApiMessage, sender: { name: string; email: string }): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: sender.name, address: sender.email },
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content, "base64"),
    })),
  });
  return composer.compile().build();
}
