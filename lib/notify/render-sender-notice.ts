import { escapeHtml } from "@/lib/notify/escape-html";
import { formatUtc, singleLine } from "@/lib/notify/format-mail-text";
import { renderButton, renderMailLayout, renderParagraph } from "@/lib/notify/render-mail-layout";
import type { RenderedMail } from "@/lib/notify/render-notification";

export type SenderNoticeView = {
  orgName: string;
  recipientAddress: string;
  outcome: "bounced" | "dropped";
  /** Plain words for the failure (lib/delivery/describe-failure.ts). */
  reason: string;
  /** What the receiving side said, e.g. the MX's 550 reply; technical, shown as is. */
  detail?: string | null;
  sentAt: Date;
  /** `${publicUrl}/messages/<id>`. */
  statusLink: string;
};

const NEXT_STEP = {
  bounced: "Check the address, correct it if needed and send the message again.",
  dropped:
    "The recipient's domain accepts mail only over a verified encrypted connection, which could not be set up, so the message was neither delivered nor kept. Reach the recipient another way, or ask their IT team to fix their mail server's encryption.",
} as const;

/**
 * Tells the original sender that one recipient did not get their message. Content-free: it names the recipient
 * and the reason, never the subject or the body.
 */
export function renderSenderNotice(view: SenderNoticeView): RenderedMail {
  const subject = `Not delivered: your message to ${view.recipientAddress}`;
  const title = `Your message to ${view.recipientAddress} was not delivered`;
  const sentAt = formatUtc(view.sentAt);
  const footer = `Sent automatically by ${view.orgName}. Replies to this address are not read.`;

  const text = [
    title,
    "",
    `The message you sent on ${sentAt} could not be delivered to ${view.recipientAddress}.`,
    "",
    `Reason: ${view.reason}`,
    ...(view.detail ? [`Details: ${singleLine(view.detail)}`] : []),
    "",
    NEXT_STEP[view.outcome],
    "",
    "Delivery history:",
    view.statusLink,
    "",
    "--",
    footer,
    "",
  ].join("\r\n");

  const bodyHtml = [
    renderParagraph(
      `The message you sent on ${escapeHtml(sentAt)} could not be delivered to <strong>${escapeHtml(view.recipientAddress)}</strong>.`,
    ),
    renderParagraph(`<strong>Reason:</strong> ${escapeHtml(view.reason)}`),
    ...(view.detail ? [renderParagraph(`<strong>Details:</strong> ${escapeHtml(singleLine(view.detail))}`)] : []),
    renderParagraph(escapeHtml(NEXT_STEP[view.outcome])),
    renderButton("See the delivery details", view.statusLink),
  ].join("\n");

  return { subject, text, html: renderMailLayout({ orgName: view.orgName, title, bodyHtml, footer }) };
}
