import Link from "next/link";
import { MessageFrame } from "@/app/(recipient)/inbox/[recipientId]/message-frame";
import type { Messages } from "@/lib/i18n/messages";
import type { ReadableMessage } from "@/lib/portal/read/get-readable-message";

/**
 * The sanitised HTML in its sandboxed frame, with the "Load images" choice (kept in the URL of this view only,
 * never stored), or the plain text when the message has no HTML.
 */
export function MessageBody({
  recipientId,
  message,
  allowRemoteImages,
  t,
}: {
  recipientId: string;
  message: ReadableMessage;
  allowRemoteImages: boolean;
  t: Messages["read"];
}) {
  return (
    <section aria-labelledby="body-heading" className="space-y-3">
      <h2 id="body-heading" className="sr-only">
        {t.body}
      </h2>
      {message.html !== null ? (
        <>
          {message.blockedImages > 0 && !allowRemoteImages && (
            <div className="flex flex-wrap items-center gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950" data-testid="images-blocked">
              <p className="min-w-0 flex-1">{t.imagesBlocked(message.blockedImages)}</p>
              <Link href={`/inbox/${recipientId}?images=1`} prefetch={false} data-testid="load-images" className="rounded-md border border-amber-800 px-3 py-1.5 font-medium text-amber-950 no-underline hover:bg-amber-100">
                {t.loadImages}
              </Link>
            </div>
          )}
          {allowRemoteImages && (
            <p className="text-sm text-ink-600">
              {t.imagesShown} <Link href={`/inbox/${recipientId}`} prefetch={false}>{t.blockImages}</Link>
            </p>
          )}
          <p className="text-sm text-ink-600">{t.linksNote}</p>
          <MessageFrame html={message.html} allowRemoteImages={allowRemoteImages} title={t.frameTitle} />
        </>
      ) : (
        <pre data-testid="message-text" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 font-sans text-base whitespace-pre-wrap wrap-anywhere">
          {message.text}
        </pre>
      )}
    </section>
  );
}
