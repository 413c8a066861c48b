import nodemailer from "nodemailer";
import { getDkimSigningKey } from "@/lib/settings/get-dkim-signing-key";

export type NotificationMail = {
  from: { name: string; address: string };
  replyTo?: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
};

/**
 * Builds the finished RFC 5322 message (CRLF line ends, DKIM-signed with the key generated in the admin console
 * or the configured key file, lib/settings/get-dkim-signing-key.ts) once, so the relay and
 * direct delivery send the very same bytes. `Auto-Submitted: auto-generated` (RFC 3834 §5) asks receiving
 * systems not to answer it with vacation replies, which would otherwise go to the no-reply sender.
 */
export async function composeNotificationMime(mail: NotificationMail): Promise<Buffer> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const dkim = await getDkimSigningKey();
  const info = await composer.sendMail({
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo ?? undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { "Auto-Submitted": "auto-generated" },
    ...(dkim ? { dkim } : {}),
  });
  if (!Buffer.isBuffer(info.message)) throw new Error("The notification could not be composed into a single buffer.");
  return info.message;
}
