import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { openLinkAction } from "@/app/(recipient)/open/actions";
import { NewLinkForm } from "@/app/(recipient)/open/[token]/new-link-form";
import { DetailList } from "@/app/_components/detail-list";
import { Notice } from "@/app/_components/notice";
import type { RouteParams } from "@/app/_components/page-props";
import { SubmitButton } from "@/app/_components/submit-button";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { getConfig } from "@/lib/config";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { getOpenLink } from "@/lib/portal/access/get-open-link";
import { recordLinkFetched } from "@/lib/portal/access/record-link-fetched";

// The token in the URL is a credential: never cache or prerender this page (Referrer-Policy: no-referrer is
// global, next.config.js). A GET only reads and audits the fetch: mail scanners open these links before people
// do, so the link is used only by the button below (a POST).
export const dynamic = "force-dynamic";

// The title names neither the sender nor the message.
export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).access.landing.pageTitle };
}

export default async function OpenLinkPage({ params }: { params: RouteParams<"token"> }) {
  const { token } = await params;
  const locale = await getRequestLocale();
  const m = getMessages(locale);
  const t = m.access.landing;
  const s = m.access.linkStates;
  const headerList = await headers();
  const open = await getOpenLink(token);
  await recordLinkFetched(open, { sourceIp: getClientIp(headerList), userAgent: headerList.get("user-agent") });

  if (open.state === "expired") {
    return (
      <Notice title={s.expiredTitle} testId="link-expired">
        <p>{s.expiredBody}</p>
        <NewLinkForm token={token} t={{ newLink: s.newLink, sending: s.sendingNewLink, sent: s.newLinkSent }} />
      </Notice>
    );
  }
  if (open.state !== "valid") {
    const texts: Record<typeof open.state, [string, string]> = {
      used: [s.usedTitle, s.usedBody],
      unknown: [s.unknownTitle, s.unknownBody],
      revoked: [s.revokedTitle, s.revokedBody],
      "message-expired": [s.messageExpiredTitle, s.messageExpiredBody],
    };
    const [title, body] = texts[open.state];
    return (
      <Notice title={title} testId={`link-${open.state}`}>
        <p>{body}</p>
        {open.state === "used" && (
          <p>
            <Link href="/signin">{s.signInLink}</Link>
          </p>
        )}
      </Notice>
    );
  }
  const { link } = open;
  const when = (date: Date) => <time dateTime={date.toISOString()}>{formatDateTime(date, locale)}</time>;
  return (
    <Notice title={t.title(link.senderName)} testId="link-landing">
      <p>{t.intro}</p>
      <DetailList
        items={[
          { label: t.from, value: `${link.senderName} <${link.senderAddress}>`, testId: "landing-sender" },
          { label: t.sent, value: when(link.sentAt) },
          { label: t.linkExpires, value: when(link.linkExpiresAt) },
          ...(link.accessEndsAt ? [{ label: t.accessEnds, value: when(link.accessEndsAt) }] : []),
        ]}
      />
      <h2 className="pt-2 text-lg font-semibold text-ink-900">{t.whatNext}</h2>
      <p>{t.stepsAccount}</p>
      <form action={openLinkAction.bind(null, token)}>
        <SubmitButton label={t.open} pendingLabel={t.opening} testId="open-message" />
      </form>
      <p className="text-sm">{t.genuine(new URL(getConfig().publicUrl).host)}</p>
    </Notice>
  );
}
