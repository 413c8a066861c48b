import type { Messages } from "@/lib/i18n/messages";
import type { AttachmentView } from "@/lib/portal/read/list-attachments";

/** Name, size and type of each attachment. No downloads: break-glass is for reading, not for taking copies. */
export function BreakGlassAttachments({ attachments, note, t }: { attachments: AttachmentView[]; note: string; t: Messages["read"] }) {
  if (attachments.length === 0) return null;
  return (
    <section aria-labelledby="attachments-heading" className="space-y-2">
      <h2 id="attachments-heading" className="text-lg font-semibold">
        {t.attachments}
      </h2>
      <p className="text-sm text-ink-600">{note}</p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {attachments.map((attachment) => (
          <li key={attachment.index} data-testid="attachment" className="p-3 wrap-anywhere">
            <span className="font-medium">{attachment.filename}</span>
            <span className="block text-sm text-ink-600">
              {t.size(attachment.size)} · {attachment.contentType}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
