import type { RecipientAccess } from "@/lib/portal/require-message-access";
import { chooseDownloadType } from "@/lib/portal/read/choose-download-type";
import { parseSealedMessage } from "@/lib/portal/read/parse-sealed-message";

export type AttachmentDownload = { filename: string; contentType: string; content: Buffer };

/** One attachment of a message the gate let through, by position; null when there is no such attachment. */
export async function getMessageAttachment(access: RecipientAccess, index: number): Promise<AttachmentDownload | null> {
  const parsed = await parseSealedMessage(access.message.id);
  const attachment = parsed.attachments[index];
  if (!attachment) return null;
  return {
    filename: attachment.filename?.trim() || `attachment-${index + 1}`,
    contentType: chooseDownloadType(attachment.contentType),
    content: attachment.content,
  };
}
