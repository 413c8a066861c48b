import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/app/_components/notice";
import type { RouteParams } from "@/app/_components/page-props";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireUser } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { RecipientAccessBlockedError, requireRecipientAccess } from "@/lib/portal/require-message-access";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).compose.sentTitle };
}

/** Confirms a reply was accepted. Gated like the message itself, so it confirms nothing to anyone else. */
export default async function ReplySentPage({ params }: { params: RouteParams<"recipientId"> }) {
  const { recipientId } = await params;
  const base = `/inbox/${recipientId}`;
  const actor = await requireUser(`${base}/reply/sent`);
  try {
    await requireRecipientAccess(actor, recipientId, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    // Withdrawn or expired since the reply: the reply was still sent; only the link back is of no use.
    if (!(error instanceof RecipientAccessBlockedError)) throw error;
  }
  const t = (await getRequestMessages()).compose;
  return (
    <Notice title={t.sentTitle} testId="reply-sent">
      <p>{t.replySentBody}</p>
      <ul className="space-y-2">
        <li>
          <Link href={base}>{t.backToMessage}</Link>
        </li>
        <li>
          <Link href="/inbox">{t.backToInbox}</Link>
        </li>
      </ul>
    </Notice>
  );
}
