import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { formatUtc } from "@/lib/notify/format-mail-text";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";

export type AccountEmail =
  | { kind: "device-code"; code: string }
  | { kind: "password-reset"; link: string }
  | { kind: "password-changed"; changedAt: Date; signInUrl: string };

/** The account emails in the person's language and the organisation's branding. */
export async function renderAccountEmail(
  email: AccountEmail,
  person: { name: string; locale: Locale },
): Promise<{ subject: string; text: string; html: string }> {
  const t = getMessages(person.locale).access.email;
  const { locale } = person;
  if (email.kind === "device-code") {
    const s = t.deviceCode;
    // The code goes in the heading-sized line of its own so it is easy to read and copy; never in the subject,
    // where lock screens and notification previews would show it.
    const rendered = await renderBrandedEmail({
      locale,
      preheader: s.preheader(email.code),
      heading: s.heading,
      paragraphs: [s.body(person.name), s.code(email.code), s.expiry, s.notYou],
    });
    return { subject: s.subject, ...rendered };
  }
  if (email.kind === "password-reset") {
    const s = t.passwordReset;
    const rendered = await renderBrandedEmail({
      locale,
      preheader: s.preheader,
      heading: s.heading,
      paragraphs: [s.body(person.name), s.expiry, s.notYou],
      action: { label: s.action, url: email.link },
      actionAfter: 1,
    });
    return { subject: s.subject, ...rendered };
  }
  const s = t.passwordChanged;
  const rendered = await renderBrandedEmail({
    locale,
    preheader: s.preheader,
    heading: s.heading,
    paragraphs: [s.body(person.name, formatUtc(email.changedAt, locale)), s.notYou],
    action: { label: s.action, url: email.signInUrl },
  });
  return { subject: s.subject, ...rendered };
}
