import type { Metadata } from "next";
import Link from "next/link";
import { BlockedNotice } from "@/app/(recipient)/inbox/[recipientId]/blocked-notice";
import { gateRecipientPage } from "@/app/(recipient)/inbox/[recipientId]/gate-recipient-page";
import { MessageHeader } from "@/app/(recipient)/inbox/[recipientId]/message-header";
import { PrintButton } from "@/app/(recipient)/inbox/[recipientId]/print/print-button";
import { ShreddedNotice } from "@/app/(recipient)/inbox/[recipientId]/shredded-notice";
import type { RouteParams } from "@/app/_components/page-props";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { getReadableMessage } from "@/lib/portal/read/get-readable-message";
import { getShreddedAt } from "@/lib/portal/read/get-shredded-at";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).read.printPageTitle };
}

// On paper only the message counts: the site header, skip link and buttons are hidden.
const PRINT_CSS = `@media print {
  body > header, body > a, [data-print-hidden] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  [data-testid="print-body"] a[href]::after { content: " (" attr(href) ")"; font-size: 0.8em; }
}`;

/**
 * A clean, printable layout of the message. The body is placed inline (a frame would print cut off), so it is
 * sanitised more strictly than in the reading frame: no inline styles at all, so nothing can be positioned
 * over the page, and no remote images.
 */
export default async function PrintMessagePage({ params }: { params: RouteParams<"recipientId"> }) {
  const { recipientId } = await params;
  const gated = await gateRecipientPage(recipientId, `/inbox/${recipientId}/print`);
  const t = (await getRequestMessages()).read;
  if ("blocked" in gated) return <BlockedNotice blocked={gated.blocked} t={t} />;
  const shreddedAt = await getShreddedAt(gated.access);
  if (shreddedAt) return <ShreddedNotice shreddedAt={shreddedAt} />;
  const message = await getReadableMessage(gated.access, { allowRemoteImages: false, allowStyles: false });
  const attachments = message.attachments.filter((a) => !a.inline);
  return (
    <article className="space-y-6 print:space-y-4" data-testid="print-view">
      <style>{PRINT_CSS}</style>
      <div data-print-hidden className="flex flex-wrap items-center gap-4">
        <Link href={`/inbox/${recipientId}`}>← {t.backToInbox}</Link>
        <PrintButton label={t.printNow} />
      </div>
      <MessageHeader message={message} t={t} />
      {message.html !== null ? (
        // Sanitised by lib/portal/read/sanitize-message-html.ts (no scripts, handlers, styles or remote loads).
        <div data-testid="print-body" className="max-w-none space-y-3 wrap-anywhere" dangerouslySetInnerHTML={{ __html: message.html }} />
      ) : (
        <pre data-testid="print-body" className="font-sans text-base whitespace-pre-wrap wrap-anywhere">
          {message.text}
        </pre>
      )}
      {attachments.length > 0 && (
        <section aria-labelledby="print-attachments" className="border-t border-slate-300 pt-3 text-sm">
          <h2 id="print-attachments" className="font-semibold">
            {t.attachments}
          </h2>
          <ul className="list-disc pl-5">
            {attachments.map((a) => (
              <li key={a.index} className="wrap-anywhere">
                {a.filename} ({t.size(a.size)})
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
