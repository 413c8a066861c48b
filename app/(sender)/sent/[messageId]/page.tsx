import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RecipientTimeline } from "@/app/(sender)/sent/[messageId]/recipient-timeline";
import { DetailList } from "@/app/_components/detail-list";
import type { RouteParams } from "@/app/_components/page-props";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { readMessageSubject } from "@/lib/escrow/read-message-content";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { getMessageStatus } from "@/lib/portal/get-message-status";

// Shows the subject to its sender: never cached (dynamic pages are sent with Cache-Control: no-store).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  // The title names the page, never the message.
  return { title: getMessages(await getRequestLocale()).sent.timeline.pageTitle };
}

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

async function readSubject(messageId: string): Promise<string | null> {
  try {
    return await readMessageSubject(messageId);
  } catch (error) {
    if (error instanceof ShreddedError) return null;
    throw error;
  }
}

export default async function MessageTimelinePage({ params }: { params: RouteParams<"messageId"> }) {
  const { messageId } = await params;
  const actor = await requireRole(["sender", "admin"], MESSAGE_ID.test(messageId) ? `/sent/${messageId}` : "/sent");
  if (!MESSAGE_ID.test(messageId)) notFound();
  const message = await getMessageStatus(actor, messageId, { sourceIp: getClientIp(await headers()) });
  if (!message) notFound();
  const locale = await getRequestLocale();
  const messages = getMessages(locale);
  const t = messages.sent;
  const now = new Date();
  // Only the sender reads the subject; an admin looking at someone else's message sees status only (rule (c)).
  const subject = message.viewerIsSender ? await readSubject(message.id) : null;
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/sent">{t.timeline.back}</Link>
        </p>
        <h1 className="text-2xl font-semibold">{t.timeline.title}</h1>
        <DetailList
          items={[
            ...(message.viewerIsSender
              ? [{ label: t.timeline.subject, value: subject === null ? t.subjectDeleted : subject || t.noSubject, testId: "message-subject" }]
              : []),
            { label: t.from, value: message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress },
            { label: t.sentAt, value: <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt, locale)}</time> },
            { label: t.timeline.messageId, value: <span className="font-mono">{message.id}</span>, testId: "message-id" },
          ]}
        />
        {!message.viewerIsSender && (
          <p className="rounded-md border border-slate-200 bg-slate-100 p-3 text-sm text-ink-600" data-testid="admin-note">
            {t.timeline.adminNote}
          </p>
        )}
      </header>
      <div className="space-y-4">
        {message.recipients.map((recipient) => (
          <RecipientTimeline
            key={recipient.id}
            messageId={message.id}
            messageCreatedAt={message.createdAt}
            recipient={recipient}
            locale={locale}
            now={now}
            showActions={message.viewerIsSender}
          />
        ))}
      </div>
    </article>
  );
}
