import { simpleParser, type AddressObject } from "mailparser";
import { readMessageMime, readMessageSubject } from "@/lib/escrow/read-message-content";
import type { Mailbox } from "@/lib/portal/compose/build-portal-mime";

export type ReplyContext = {
  subject: string;
  /** Where a reply goes: Reply-To when the original has one (RFC 5322 §3.6.3), else From. */
  replyTo: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  /** The original's Message-ID and the References chain a reply carries on (RFC 5322 §3.6.4). */
  messageIdHeader: string | null;
  references: string[];
  /** The original's plain text (HTML converted to text when there is no text part), for quoting. */
  text: string;
};

/**
 * Decrypts and parses an original message for answering it. Callers must have checked that the actor may read
 * it (lib/portal/require-message-access.ts): this function does not.
 */
export async function readReplyContext(messageId: string, fallbackFrom: Mailbox): Promise<ReplyContext> {
  const [mime, subject] = await Promise.all([readMessageMime(messageId), readMessageSubject(messageId)]);
  const parsed = await simpleParser(mime, { skipImageLinks: true, skipTextLinks: true });
  mime.fill(0);
  const from = mailboxes(parsed.from);
  const replyTo = mailboxes(parsed.replyTo);
  return {
    subject,
    replyTo: replyTo.length > 0 ? replyTo : from.length > 0 ? from : [fallbackFrom],
    to: mailboxes(parsed.to),
    cc: mailboxes(parsed.cc),
    messageIdHeader: parsed.messageId ?? null,
    references: typeof parsed.references === "string" ? [parsed.references] : (parsed.references ?? []),
    text: parsed.text ?? "",
  };
}

function mailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const found: Mailbox[] = [];
  const queue = objects.flatMap((object) => object.value);
  while (queue.length > 0) {
    const entry = queue.shift()!;
    if (entry.group) queue.unshift(...entry.group);
    else if (entry.address) found.push({ name: entry.name.replace(/[\p{Cc}\p{Cf}]+/gu, " ").trim(), address: entry.address });
  }
  return found;
}
