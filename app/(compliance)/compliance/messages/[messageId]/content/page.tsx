import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MessageFrame } from "@/app/(recipient)/inbox/[recipientId]/message-frame";
import { MessageHeader } from "@/app/(recipient)/inbox/[recipientId]/message-header";
import { BreakGlassAttachments } from "@/app/(compliance)/compliance/messages/[messageId]/content/break-glass-attachments";
import { DetailList } from "@/app/_components/detail-list";
import { Notice } from "@/app/_components/notice";
import type { RouteParams } from "@/app/_components/page-props";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import type { BreakGlassGrantView } from "@/lib/compliance/find-break-glass-grant";
import { readBreakGlassMessage } from "@/lib/compliance/read-break-glass-message";
import { requireBreakGlassGrant } from "@/lib/compliance/require-break-glass-grant";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

// Message content: rendered per request and sent with Cache-Control: no-store (Next does so for dynamic pages).
export const dynamic = "force-dynamic";

// Generic on purpose: titles end up in history, tab lists and screen-sharing.
export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).compliance.breakGlass.content.pageTitle };
}

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A message's content for a compliance officer holding a running break-glass grant. Anyone else (admins, other
 * roles, no or expired grant, break-glass switched off) gets the not-found page and an `access.denied` event.
 */
export default async function BreakGlassContentPage({ params }: { params: RouteParams<"messageId"> }) {
  const { messageId } = await params;
  if (!MESSAGE_ID.test(messageId)) {
    await requireRole(["compliance"], "/compliance");
    notFound();
  }
  const actor = await requireRole(["compliance"], `/compliance/messages/${messageId}/content`);
  const sourceIp = getClientIp(await headers());
  let grant: BreakGlassGrantView;
  try {
    grant = await requireBreakGlassGrant(actor, messageId, { sourceIp });
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  }
  const locale = await getRequestLocale();
  const messages = getMessages(locale);
  const t = messages.compliance.breakGlass.content;
  const read = await readBreakGlassMessage(actor, grant, { sourceIp });
  const back = (
    <p className="text-sm">
      <Link href={`/compliance/messages/${messageId}`}>{t.back}</Link>
    </p>
  );
  if (read.state === "shredded") {
    return (
      <Notice title={t.shreddedTitle} testId="break-glass-shredded">
        <p>{t.shreddedBody}</p>
        {back}
      </Notice>
    );
  }
  const { message } = read;
  const attachments = message.html ? message.attachments.filter((attachment) => !attachment.inline) : message.attachments;
  return (
    <article className="space-y-6" data-testid="break-glass-content">
      {back}
      <section aria-label={t.pageTitle} className="space-y-2 rounded-lg border border-amber-400 bg-amber-50 p-4 text-amber-950" data-testid="break-glass-banner">
        <p className="font-semibold">{t.banner}</p>
        <DetailList
          items={[
            { label: t.justification, value: <span className="whitespace-pre-wrap">{grant.justification}</span> },
            { label: t.until, value: <time dateTime={grant.expiresAt.toISOString()}>{formatDateTime(grant.expiresAt, locale)}</time> },
          ]}
        />
      </section>
      <MessageHeader message={message} t={messages.read} />
      <section aria-labelledby="body-heading" className="space-y-3">
        <h2 id="body-heading" className="sr-only">
          {messages.read.body}
        </h2>
        {message.html !== null ? (
          <MessageFrame html={message.html} allowRemoteImages={false} title={messages.read.frameTitle} />
        ) : (
          <pre data-testid="message-text" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 font-sans text-base whitespace-pre-wrap wrap-anywhere">
            {message.text}
          </pre>
        )}
      </section>
      <BreakGlassAttachments attachments={attachments} note={t.attachmentsNote} t={messages.read} />
    </article>
  );
}
