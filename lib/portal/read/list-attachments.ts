import type { Attachment } from "mailparser";

export type AttachmentView = {
  /** Position among the message's attachments; the download route addresses attachments by it. */
  index: number;
  /** As the sender named it; may be anything, so it is shown as text and never used as a path. */
  filename: string;
  contentType: string;
  size: number;
  /** Shown inside the message body (an inline image), so the list leaves it out. */
  inline: boolean;
};

/** The attachments of a parsed message in MIME order. A part without a name gets "attachment-<n>". */
export function listAttachments(attachments: Attachment[]): AttachmentView[] {
  return attachments.map((attachment, index) => ({
    index,
    filename: attachment.filename?.trim() || `attachment-${index + 1}`,
    contentType: attachment.contentType || "application/octet-stream",
    size: attachment.size,
    inline: attachment.related === true,
  }));
}
