import { readFileSync } from "node:fs";
import nodemailer from "nodemailer";
import type DKIM from "nodemailer/lib/dkim";
import { type Config, getConfig } from "@/lib/config";

export type NotificationMail = {
  from: { name: string; address: string };
  replyTo?: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
};

/**
 * Builds the finished RFC 5322 message (CRLF line ends, DKIM-signed when configured) once, so the relay and
 * direct delivery send the very same bytes. `Auto-Submitted: auto-generated` (RFC 3834 §5) asks receiving
 * systems not to answer it with vacation replies, which would otherwise go to the no-reply sender.
 */
export async function composeNotificationMime(mail: NotificationMail): Promise<Buffer> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const dkim = dkimOptions(getConfig());
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

let cachedKey: { file: string; pem: string } | undefined;

function dkimOptions(config: Config): DKIM.SingleKeyOptions | null {
  const { DKIM_DOMAIN: domainName, DKIM_SELECTOR: keySelector, DKIM_PRIVATE_KEY_FILE: file } = config;
  if (!domainName && !keySelector && !file) return null;
  if (!domainName || !keySelector || !file) {
    throw new Error(
      "DKIM is only partly configured: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together, or none of them.",
    );
  }
  if (cachedKey?.file !== file) cachedKey = { file, pem: readFileSync(file, "utf8") };
  return { domainName, keySelector, privateKey: cachedKey.pem };
}
