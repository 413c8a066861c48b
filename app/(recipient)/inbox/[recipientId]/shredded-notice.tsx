import Link from "next/link";
import { Notice } from "@/app/_components/notice";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { getBranding } from "@/lib/settings/get-branding";

/** Tells the rightful recipient that the content was deleted under the retention policy, and when. */
export async function ShreddedNotice({ shreddedAt }: { shreddedAt: Date }) {
  const [locale, { orgName }] = await Promise.all([getRequestLocale(), getBranding()]);
  const messages = getMessages(locale);
  const t = messages.retention.portal;
  return (
    <Notice title={t.shreddedTitle} testId="message-shredded">
      <p>{t.shreddedBody(formatDateTime(shreddedAt, locale), orgName)}</p>
      <p>{t.shreddedHint}</p>
      <p>
        <Link href="/inbox">{messages.read.backToInbox}</Link>
      </p>
    </Notice>
  );
}
