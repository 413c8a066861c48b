import type { Metadata } from "next";
import { DetailList } from "@/app/_components/detail-list";
import { Notice } from "@/app/_components/notice";
import type { RouteParams } from "@/app/_components/page-props";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getMessages } from "@/lib/i18n/messages";
import { getPortalLanding } from "@/lib/portal/get-portal-landing";

// The token in the URL is a credential: never cache or prerender this page. (Referrer-Policy: no-referrer is
// set for every response in next.config.js, so the URL does not leak through links either.)
export const dynamic = "force-dynamic";
// The page title must not name the sender or the message.
export const metadata: Metadata = { title: getMessages().portal.pageTitle };

// Placeholder for the recipient portal (a later issue): shows what the link is about without consuming it.
export default async function OpenMessagePage({ params }: { params: RouteParams<"token"> }) {
  const { token } = await params;
  const t = getMessages().portal;
  const landing = await getPortalLanding(token);
  if (landing.state !== "valid") {
    const [title, body] =
      landing.state === "expired"
        ? [t.expiredTitle, t.expiredBody]
        : landing.state === "used"
          ? [t.usedTitle, t.usedBody]
          : [t.unknownTitle, t.unknownBody];
    return (
      <Notice title={title} testId={`portal-${landing.state}`}>
        <p>{body}</p>
      </Notice>
    );
  }
  return (
    <Notice title={t.title(landing.senderName)} testId="portal-landing">
      <p>{t.intro}</p>
      <DetailList
        items={[
          { label: t.from, value: landing.senderAddress },
          { label: t.sent, value: <time dateTime={landing.sentAt.toISOString()}>{formatDateTime(landing.sentAt)}</time> },
          { label: t.expires, value: <time dateTime={landing.expiresAt.toISOString()}>{formatDateTime(landing.expiresAt)}</time> },
          { label: t.messageId, value: <span className="font-mono">{landing.messageId}</span>, testId: "portal-message-id" },
        ]}
      />
      <p className="rounded-md bg-brand-50 p-3 text-brand-800">{t.comingSoon}</p>
    </Notice>
  );
}
