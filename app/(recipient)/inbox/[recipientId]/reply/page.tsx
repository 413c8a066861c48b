import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { formatMegabytes } from "@/app/(recipient)/compose/describe-compose-error";
import { BlockedNotice } from "@/app/(recipient)/inbox/[recipientId]/blocked-notice";
import { ReplyForm } from "@/app/(recipient)/inbox/[recipientId]/reply/reply-form";
import { DetailList } from "@/app/_components/detail-list";
import { Notice } from "@/app/_components/notice";
import type { RouteParams, SearchParams } from "@/app/_components/page-props";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireUser } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { MessageContentMissingError } from "@/lib/escrow/read-message-content";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { ATTACHMENT_ACCEPT } from "@/lib/portal/compose/attachment-types";
import type { Mailbox } from "@/lib/portal/compose/build-portal-mime";
import { getReplyDraft, type ReplyDraft } from "@/lib/portal/compose/get-reply-draft";
import { RecipientAccessBlockedError } from "@/lib/portal/require-message-access";

// The original is decrypted to address the reply: rendered per request, never cached (dynamic => no-store).
export const dynamic = "force-dynamic";

// Generic title: nothing of the message in titles (history, tab lists, screen sharing).
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).compose.replyPageTitle };
}

type Loaded = { draft: ReplyDraft } | { blocked: RecipientAccessBlockedError } | { unavailable: true };

async function loadDraft(...args: Parameters<typeof getReplyDraft>): Promise<Loaded> {
  try {
    return { draft: await getReplyDraft(...args) };
  } catch (error) {
    // Anyone but the rightful recipient: the not-found page (the gate audited the refusal).
    if (error instanceof AccessDeniedError) notFound();
    if (error instanceof RecipientAccessBlockedError) return { blocked: error };
    if (error instanceof ShreddedError || error instanceof MessageContentMissingError) return { unavailable: true };
    throw error;
  }
}

function formatMailboxes(mailboxes: Mailbox[]): string {
  return mailboxes.map((mailbox) => (mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address)).join(", ");
}

/** Secure reply and reply-all (`?all=1`) to a message in the recipient's inbox. */
export default async function ReplyPage({ params, searchParams }: { params: RouteParams<"recipientId">; searchParams: SearchParams }) {
  const { recipientId } = await params;
  const all = (await searchParams).all === "1";
  const base = `/inbox/${recipientId}`;
  const actor = await requireUser(`${base}/reply${all ? "?all=1" : ""}`);
  const messages = await getRequestMessages();
  const t = messages.compose;
  const loaded = await loadDraft(actor, recipientId, all, { sourceIp: getClientIp(await headers()) });
  if ("blocked" in loaded) {
    if (loaded.blocked.state === "passphrase-required") redirect(`${base}/passphrase`);
    return <BlockedNotice blocked={loaded.blocked} t={messages.read} />;
  }
  if ("unavailable" in loaded) {
    return (
      <Notice title={messages.read.unavailableTitle} testId="message-unavailable">
        <p>{messages.read.unavailableBody}</p>
      </Notice>
    );
  }
  const { draft } = loaded;
  const config = getConfig();
  const maxMb = formatMegabytes(config.SMTP_MAX_MESSAGE_BYTES);
  return (
    <article className="mx-auto max-w-2xl space-y-6" data-testid="reply-page">
      <p>
        <Link href={base}>← {t.backToMessage}</Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{all ? t.replyAllTitle : t.replyTitle}</h1>
        <p className="text-ink-600">{t.replyIntro}</p>
      </header>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={t.to}>
        <DetailList
          items={[
            { label: t.to, value: formatMailboxes(draft.to), testId: "reply-to" },
            ...(draft.cc.length > 0 ? [{ label: t.cc, value: formatMailboxes(draft.cc), testId: "reply-cc" }] : []),
            { label: t.subject, value: draft.subject, testId: "reply-subject" },
          ]}
        />
        <p className="text-sm">
          <Link href={all ? `${base}/reply` : `${base}/reply?all=1`} data-testid="reply-mode">
            {all ? t.replySenderOnly : t.replyAll}
          </Link>
        </p>
      </section>
      <ReplyForm
        recipientId={recipientId}
        all={all}
        idempotencyKey={randomUUID()}
        maxBytes={config.SMTP_MAX_MESSAGE_BYTES}
        accept={ATTACHMENT_ACCEPT}
        t={{
          body: t.body,
          bodyHint: t.bodyHint,
          attachments: t.attachments,
          attachmentsHint: t.attachmentsHint(maxMb),
          quote: t.quote,
          submit: t.submit,
          submitting: t.submitting,
          tooLarge: t.errors["too-large"](maxMb),
        }}
      />
    </article>
  );
}
