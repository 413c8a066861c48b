import type { Metadata } from "next";
import Link from "next/link";
import { BlockedNotice } from "@/app/(recipient)/inbox/[recipientId]/blocked-notice";
import { recordViewAction } from "@/app/(recipient)/inbox/[recipientId]/actions";
import { AttachmentList } from "@/app/(recipient)/inbox/[recipientId]/attachment-list";
import { gateRecipientPage } from "@/app/(recipient)/inbox/[recipientId]/gate-recipient-page";
import { MessageBody } from "@/app/(recipient)/inbox/[recipientId]/message-body";
import { MessageHeader } from "@/app/(recipient)/inbox/[recipientId]/message-header";
import { RecordView } from "@/app/(recipient)/inbox/[recipientId]/record-view";
import { ShreddedNotice } from "@/app/(recipient)/inbox/[recipientId]/shredded-notice";
import { ThreadList } from "@/app/(recipient)/inbox/[recipientId]/thread-list";
import { Notice } from "@/app/_components/notice";
import type { RouteParams, SearchParams } from "@/app/_components/page-props";
import { MessageContentMissingError } from "@/lib/escrow/read-message-content";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { getReadableMessage, type ReadableMessage } from "@/lib/portal/read/get-readable-message";
import { getShreddedAt } from "@/lib/portal/read/get-shredded-at";

// Message content: rendered per request and sent with Cache-Control: no-store (Next does so for dynamic pages).
export const dynamic = "force-dynamic";

// The title is generic on purpose: titles end up in history, tab lists and screen-sharing.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).read.pageTitle };
}

async function readOrNull(...args: Parameters<typeof getReadableMessage>): Promise<ReadableMessage | null> {
  try {
    return await getReadableMessage(...args);
  } catch (error) {
    // Crypto-shredded or incomplete content: say so instead of a generic error page.
    if (error instanceof ShreddedError || error instanceof MessageContentMissingError) return null;
    throw error;
  }
}

export default async function ReadMessagePage({ params, searchParams }: { params: RouteParams<"recipientId">; searchParams: SearchParams }) {
  const { recipientId } = await params;
  const allowRemoteImages = (await searchParams).images === "1";
  const gated = await gateRecipientPage(recipientId, `/inbox/${recipientId}`);
  const t = (await getRequestMessages()).read;
  if ("blocked" in gated) return <BlockedNotice blocked={gated.blocked} t={t} />;

  const message = await readOrNull(gated.access, { allowRemoteImages });
  const shreddedAt = message ? null : await getShreddedAt(gated.access);
  if (shreddedAt) return <ShreddedNotice shreddedAt={shreddedAt} />;
  if (!message) {
    return (
      <Notice title={t.unavailableTitle} testId="message-unavailable">
        <p>{t.unavailableBody}</p>
      </Notice>
    );
  }
  const listed = message.html ? message.attachments.filter((a) => !a.inline) : message.attachments;
  return (
    <article className="space-y-6" data-testid="message">
      <RecordView recipientId={recipientId} action={recordViewAction} />
      <p>
        <Link href="/inbox">← {t.backToInbox}</Link>
      </p>
      <MessageHeader message={message} t={t} />
      <nav aria-label={t.actions} className="flex flex-wrap gap-2 text-sm">
        <Link href={`/inbox/${recipientId}/reply`} data-testid="reply-link" className="rounded-md bg-brand-600 px-3 py-2 font-medium text-white no-underline hover:bg-brand-700 hover:text-white">
          {t.reply}
        </Link>
        <Link href={`/inbox/${recipientId}/print`} prefetch={false} data-testid="print-link" className="rounded-md border border-slate-400 px-3 py-2 font-medium no-underline hover:bg-slate-100">
          {t.print}
        </Link>
        <a href={`/inbox/${recipientId}/eml`} download data-testid="eml-link" className="rounded-md border border-slate-400 px-3 py-2 font-medium no-underline hover:bg-slate-100">
          {t.downloadEml}
        </a>
      </nav>
      <MessageBody recipientId={recipientId} message={message} allowRemoteImages={allowRemoteImages} t={t} />
      <AttachmentList recipientId={recipientId} attachments={listed} t={t} />
      <ThreadList actor={gated.actor} messageId={gated.access.message.id} />
    </article>
  );
}
