import type { Messages } from "@/lib/i18n/messages";
import type { AttachmentView } from "@/lib/portal/read/list-attachments";

/** Name, size and type of each attachment, each downloaded through the authorised attachment route. */
export function AttachmentList({ recipientId, attachments, t }: { recipientId: string; attachments: AttachmentView[]; t: Messages["read"] }) {
  if (attachments.length === 0) return null;
  return (
    <section aria-labelledby="attachments-heading" className="space-y-2">
      <h2 id="attachments-heading" className="text-lg font-semibold">
        {t.attachments}
      </h2>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {attachments.map((attachment) => (
          <li key={attachment.index} data-testid="attachment" className="flex flex-wrap items-center justify-between gap-2 p-3">
            <span className="min-w-0 wrap-anywhere">
              <span data-testid="attachment-name" className="font-medium">
                {attachment.filename}
              </span>
              <span className="block text-sm text-ink-600">
                {t.size(attachment.size)} · {attachment.contentType}
              </span>
            </span>
            <a
              href={`/inbox/${recipientId}/attachments/${attachment.index}`}
              download
              data-testid="attachment-download"
              aria-label={t.download(attachment.filename)}
              className="rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium no-underline hover:bg-slate-100"
            >
              {t.downloadButton}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
