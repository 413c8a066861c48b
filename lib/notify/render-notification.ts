import { escapeHtml } from "@/lib/notify/escape-html";
import { formatUtc, singleLine } from "@/lib/notify/format-mail-text";
import { renderButton, renderMailLayout, renderParagraph } from "@/lib/notify/render-mail-layout";

export type NotificationView = {
  orgName: string;
  senderName: string;
  senderAddress: string;
  sentAt: Date;
  /** `${publicUrl}/open/<token>`. */
  link: string;
  /** The portal's own origin, so the reader can check the link points there. */
  publicUrl: string;
  expiresAt: Date;
  /** The original subject, only when an admin turned NOTIFY_INCLUDE_SUBJECT on. */
  originalSubject?: string | null;
};

export type RenderedMail = { subject: string; text: string; html: string };

/**
 * The content-free notice to an escrowed recipient. It names the sender and carries the portal link; it never
 * holds message content or anything the sender typed (the subject only when an admin turned that on).
 */
export function renderNotification(view: NotificationView): RenderedMail {
  const sender = singleLine(view.senderName) || view.senderAddress;
  const original = view.originalSubject ? singleLine(view.originalSubject) : "";
  const subject = original ? `Secure message from ${sender}: ${original}` : `Secure message from ${sender}`;
  const sentAt = formatUtc(view.sentAt);
  const expiresAt = formatUtc(view.expiresAt);
  const prefix = `${view.publicUrl}/open/`;
  const title = `${sender} sent you a secure message`;
  const footer = `Sent by ${view.orgName} for ${sender} <${view.senderAddress}>. Replying to this email writes to ${view.senderAddress}.`;

  const text = [
    title,
    "",
    `${sender} <${view.senderAddress}> sent you a message on ${sentAt}. ${view.orgName} kept it encrypted instead of sending it by ordinary email, to protect it.`,
    "",
    "Read it here:",
    view.link,
    "",
    `The link is for you only and works until ${expiresAt}. The message itself is not in this email.`,
    "",
    `Is this email genuine? The link must start with ${prefix} - if it points anywhere else, do not open it. If you were not expecting a message from ${sender}, check with them by phone or a separate email before opening it.`,
    "",
    "--",
    footer,
    "",
  ].join("\r\n");

  const bodyHtml = [
    renderParagraph(
      `<strong>${escapeHtml(sender)}</strong> &lt;${escapeHtml(view.senderAddress)}&gt; sent you a message on ${escapeHtml(sentAt)}. ${escapeHtml(view.orgName)} kept it encrypted instead of sending it by ordinary email, to protect it.`,
    ),
    renderButton("Read the secure message", view.link),
    renderParagraph(
      `The link is for you only and works until <strong>${escapeHtml(expiresAt)}</strong>. The message itself is not in this email.`,
    ),
    renderParagraph(
      `<strong>Is this email genuine?</strong> The link must start with <code>${escapeHtml(prefix)}</code>; if it points anywhere else, do not open it. If you were not expecting a message from ${escapeHtml(sender)}, check with them by phone or a separate email before opening it.`,
    ),
  ].join("\n");

  return { subject, text, html: renderMailLayout({ orgName: view.orgName, title, bodyHtml, footer }) };
}
