import { simpleParser, type ParsedMail } from "mailparser";
import { readMessageMime } from "@/lib/escrow/read-message-content";

/**
 * Opens a message's sealed MIME and parses it. simpleParser turns `cid:` references in the HTML into data: URIs
 * of the related parts, so inline images show inside the sandboxed reading frame without a second request (a
 * sandboxed frame has an opaque origin, and browsers do not send the session cookie from it).
 * Callers must have passed the access gate (lib/portal/require-message-access.ts) first.
 */
export async function parseSealedMessage(messageId: string): Promise<ParsedMail> {
  return simpleParser(await readMessageMime(messageId));
}
