import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "@/app/_components/page-props";
import { Notice } from "@/app/_components/notice";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).compose.sentTitle };
}

const MESSAGE_ID = /^[0-9a-f-]{36}$/;

/** After a new message was accepted: senders follow its delivery, recipients go back to their inbox. */
export default async function ComposeSentPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(["recipient", "sender", "admin"], "/compose/sent");
  const t = (await getRequestMessages()).compose;
  const raw = (await searchParams).message;
  // Only a well-formed id becomes a link; /sent/[messageId] checks ownership itself.
  const messageId = typeof raw === "string" && MESSAGE_ID.test(raw) ? raw : null;
  const staff = actor.role !== "recipient";
  return (
    <Notice title={t.sentTitle} testId="compose-sent">
      <p>{staff ? t.composeSentBodySender : t.composeSentBodyRecipient}</p>
      <ul className="space-y-2">
        {staff && messageId && (
          <li>
            <Link href={`/sent/${messageId}`} data-testid="follow-delivery">
              {t.followDelivery}
            </Link>
          </li>
        )}
        {!staff && (
          <li>
            <Link href="/inbox">{t.backToInbox}</Link>
          </li>
        )}
        <li>
          <Link href="/compose">{t.writeAnother}</Link>
        </li>
      </ul>
    </Notice>
  );
}
