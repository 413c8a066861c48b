import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { singleLine } from "@/lib/notify/format-mail-text";
import type { RenderedMail } from "@/lib/notify/render-notification";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";

export type ReceiptView = {
  locale: Locale;
  orgName: string;
  recipientAddress: string;
  sentAt: Date;
  openedAt: Date;
  /** `${publicUrl}/sent/<messageId>`. */
  historyLink: string;
};

/**
 * The read receipt: "opened by <address> at <time>" and a link to the message's history. Content-free like
 * every notice: no subject, no body, no attachment names — only the recipient and the times.
 */
export async function renderReceiptNotice(view: ReceiptView): Promise<RenderedMail> {
  const t = getMessages(view.locale).read.receipt;
  const address = singleLine(view.recipientAddress);
  const openedAt = formatDateTime(view.openedAt);
  const { html, text } = await renderBrandedEmail({
    locale: view.locale,
    preheader: t.preheader(address, openedAt),
    heading: t.heading(address),
    paragraphs: [t.body(address, formatDateTime(view.sentAt), openedAt), t.contentFree],
    action: { label: t.action, url: view.historyLink },
    actionAfter: 1,
    footer: [t.footer(view.orgName)],
  });
  return { subject: t.subject(address), html, text };
}
