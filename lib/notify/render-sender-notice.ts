import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { formatUtc, singleLine } from "@/lib/notify/format-mail-text";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";
import type { RenderedMail } from "@/lib/notify/render-notification";

export type SenderNoticeView = {
  locale: Locale;
  /** The organisation's name as branded (lib/settings/get-branding.ts). */
  orgName: string;
  recipientAddress: string;
  outcome: "bounced" | "dropped";
  /** Plain words for the failure (lib/delivery/describe-failure.ts). */
  reason: string;
  /** What the receiving side said, e.g. the MX's 550 reply; technical, shown as is. */
  detail?: string | null;
  sentAt: Date;
  /** `${publicUrl}/sent/<id>`. */
  statusLink: string;
};

/**
 * Tells the original sender that one recipient did not get their message. Content-free: it names the recipient
 * and the reason, never the subject or the body.
 */
export async function renderSenderNotice(view: SenderNoticeView): Promise<RenderedMail> {
  const t = getMessages(view.locale).senderNotice;
  const rendered = await renderBrandedEmail({
    locale: view.locale,
    preheader: t.preheader(view.reason),
    heading: t.heading(view.recipientAddress),
    paragraphs: [
      t.notDelivered(formatUtc(view.sentAt, view.locale), view.recipientAddress),
      t.reason(view.reason),
      ...(view.detail ? [t.details(singleLine(view.detail))] : []),
      t.nextStep[view.outcome],
    ],
    action: { label: t.action, url: view.statusLink },
    footer: t.footer(view.orgName),
  });
  return { subject: t.subject(view.recipientAddress), ...rendered };
}
