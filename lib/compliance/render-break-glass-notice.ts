import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { formatUtc } from "@/lib/notify/format-mail-text";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";

export type BreakGlassNotice = {
  officer: { name: string; email: string };
  messageId: string;
  justification: string;
  grantedAt: Date;
  expiresAt: Date;
  /** The message's history page, where the grant and every view are listed. */
  storyUrl: string;
};

/**
 * The admins' notice that a compliance officer opened a message's content. Content-free: who, which message
 * (its id only), the officer's own justification and when; never the subject, addresses or body.
 */
export async function renderBreakGlassNotice(notice: BreakGlassNotice, locale: Locale): Promise<{ subject: string; text: string; html: string }> {
  const t = getMessages(locale).compliance.breakGlass.email;
  const rendered = await renderBrandedEmail({
    locale,
    preheader: t.preheader,
    heading: t.heading,
    paragraphs: [
      t.who(notice.officer.name, notice.officer.email),
      t.message(notice.messageId),
      t.justification(notice.justification),
      t.when(formatUtc(notice.grantedAt, locale), formatUtc(notice.expiresAt, locale)),
      t.why,
    ],
    action: { label: t.action, url: notice.storyUrl },
    actionAfter: 4,
  });
  return { subject: t.subject, ...rendered };
}
