import { ATTACHMENT_TYPES, MAX_ATTACHMENTS, extensionOf } from "@/lib/portal/compose/attachment-types";
import { ComposeError } from "@/lib/portal/compose/compose-error";
import { sanitizeAttachmentName } from "@/lib/portal/compose/sanitize-attachment-name";

export type PreparedAttachment = { filename: string; contentType: string; content: Buffer };

/** What a form upload offers: the web File interface, or a plain object in tests and the CLI. */
export type UploadedFile = { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

/**
 * Checks uploads against the attachment rules before anything is read into memory: the type allow-list per
 * file, and the overall size limit (the same as for SMTP intake, so a portal message is never one the smart
 * host would refuse).
 */
export async function prepareAttachments(files: UploadedFile[], maxBytes: number): Promise<PreparedAttachment[]> {
  // A file input left empty still submits a part of size 0 (named "" by the browser, "undefined" after Next's
  // form decoding). An empty file carries nothing either, so every empty part is dropped.
  const chosen = files.filter((file) => file.size > 0);
  if (chosen.length > MAX_ATTACHMENTS) throw new ComposeError("too-many-attachments", String(MAX_ATTACHMENTS));
  let total = 0;
  const checked = chosen.map((file) => {
    const filename = sanitizeAttachmentName(file.name);
    const contentType = ATTACHMENT_TYPES[extensionOf(filename)];
    if (!contentType) throw new ComposeError("attachment-type", filename);
    total += file.size;
    if (total > maxBytes) throw new ComposeError("too-large");
    return { file, filename, contentType };
  });
  return Promise.all(
    checked.map(async ({ file, filename, contentType }) => ({ filename, contentType, content: Buffer.from(await file.arrayBuffer()) })),
  );
}
