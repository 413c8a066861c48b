import { getDb } from "@/lib/db";
import { openPart, unwrapDataKey } from "@/lib/escrow/envelope";
import { getKeyRing } from "@/lib/escrow/key-ring";
import { ShreddedError } from "@/lib/escrow/shredded-error";

export class MessageContentMissingError extends Error {
  constructor(
    readonly code: "message-not-found" | "part-missing",
    readonly messageId: string,
    message: string,
  ) {
    super(message);
    this.name = "MessageContentMissingError";
  }
}

/** Loads only the one sealed part asked for (MIME can be megabytes; a listing needs just the subject). */
async function readPart(messageId: string, part: "subject" | "mime"): Promise<Buffer> {
  const message = await getDb().message.findUnique({
    where: { id: messageId },
    select: { id: true, dataKeyId: true, wrappedDataKey: true, parts: { where: { part }, select: { sealed: true } } },
  });
  if (!message) {
    throw new MessageContentMissingError("message-not-found", messageId, `Message ${messageId} does not exist.`);
  }
  // Shredding may also remove the parts: report it as shredded, which is the real reason there is nothing.
  if (message.wrappedDataKey === null) throw new ShreddedError(messageId);
  const sealed = message.parts[0]?.sealed;
  if (!sealed) {
    throw new MessageContentMissingError(
      "part-missing",
      messageId,
      `Message ${messageId} has no stored ${part}; the database is incomplete. Restore it from backup.`,
    );
  }
  return openPart(unwrapDataKey(getKeyRing(), message), messageId, part, sealed);
}

/** The original message exactly as received (headers and body), for delivery and the portal. */
export function readMessageMime(messageId: string): Promise<Buffer> {
  return readPart(messageId, "mime");
}

export async function readMessageSubject(messageId: string): Promise<string> {
  return (await readPart(messageId, "subject")).toString("utf8");
}
