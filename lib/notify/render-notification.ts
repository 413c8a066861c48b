import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { formatUtc, singleLine } from "@/lib/notify/format-mail-text";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";

export type NotificationView = {
  locale: Locale;
  /** The organisation's name as branded (lib/settings/get-branding.ts). */
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
  /**
   * The organisation's own wording (OrgSettings.notificationIntro), shown first, above the button. An admin
   * writes it once for every notification, so it carries nothing of any message: the notice stays content-free.
   */
  intro?: string | null;
};

export type RenderedMail = { subject: string; text: string; html: string };

/**
 * The content-free notice to an escrowed recipient. It names the sender and carries the portal link; it never
 * holds message content or anything the sender typed (the subject only when an admin turned that on).
 */
export async function renderNotification(view: NotificationView): Promise<RenderedMail> {
  const t = getMessages(view.locale).notification;
  const sender = singleLine(view.senderName) || view.senderAddress;
  const original = view.originalSubject ? singleLine(view.originalSubject) : "";
  const expiresAt = formatUtc(view.expiresAt, view.locale);
  // One paragraph per block of text the admin separated with a blank line; escaped as plain text downstream.
  const intro = (view.intro ?? "").split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
  const rendered = await renderBrandedEmail({
    locale: view.locale,
    preheader: t.preheader(expiresAt),
    heading: t.heading(sender),
    paragraphs: [
      ...intro,
      t.sentBy(sender, view.senderAddress, formatUtc(view.sentAt, view.locale), view.orgName),
      t.expiry(expiresAt),
      t.genuine(`${view.publicUrl}/open/`, sender),
    ],
    action: { label: t.action, url: view.link },
    actionAfter: intro.length + 1,
    footer: t.footer(view.orgName, sender, view.senderAddress),
  });
  return { subject: original ? t.subjectWithOriginal(sender, original) : t.subject(sender), ...rendered };
}
