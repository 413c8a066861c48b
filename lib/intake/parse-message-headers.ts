import { MailParser, type AddressObject, type EmailAddress } from "mailparser";
import { IntakeError } from "@/lib/intake/intake-error";
import { splitHeaderFields, type HeaderBlock, type HeaderField } from "@/lib/intake/split-header-fields";

export type MessageHeaders = {
  block: HeaderBlock;
  /** Decoded Subject (RFC 2047 words and 8-bit UTF-8 both handled); "" when there is none. */
  subject: string;
  /** The raw Subject field, for rewriting; null when the message has none. */
  subjectField: HeaderField | null;
  /** First mailbox of the From header, decoded; null when there is none. */
  from: { name: string; address: string } | null;
};

/**
 * Parses only the header block: the body (possibly megabytes of attachments) is never handed to the MIME
 * parser, so intake cost does not grow with attachment size beyond one copy and one seal.
 */
export async function parseMessageHeaders(raw: Buffer): Promise<MessageHeaders> {
  const block = splitHeaderFields(raw);
  const subjectFields = block.fields.filter((field) => field.name === "subject");
  // RFC 5322 §3.6 allows at most one Subject. With two, clients disagree on which one they show, so a tag in
  // the second could slip past the tag stripping and reach the recipient: refuse instead of guessing.
  if (subjectFields.length > 1) {
    throw new IntakeError(
      "malformed-message",
      "The message has more than one Subject header field (RFC 5322 §3.6 allows one). Fix the sending program.",
    );
  }
  const headerBytes = raw.subarray(0, block.bodyStart);
  // A message may be all header (RFC 5322 §3.5: the body is optional); the parser still needs the blank line.
  const complete = headerBytes.subarray(-4).toString("latin1") === "\r\n\r\n";
  const headers = await readHeaders(complete ? headerBytes : Buffer.concat([headerBytes, Buffer.from("\r\n\r\n")]));
  const subject = headers.get("subject");
  return {
    block,
    subject: typeof subject === "string" ? subject : "",
    subjectField: subjectFields[0] ?? null,
    from: firstMailbox(headers.get("from")),
  };
}

function readHeaders(headerBytes: Buffer): Promise<Map<string, unknown>> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({ skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
    let headers: Map<string, unknown> | null = null;
    parser.on("headers", (parsed) => {
      headers = parsed as Map<string, unknown>;
    });
    parser.on("data", () => undefined);
    parser.on("error", reject);
    parser.on("end", () =>
      headers ? resolve(headers) : reject(new IntakeError("malformed-message", "The message header could not be parsed.")),
    );
    parser.end(headerBytes);
  });
}

function firstMailbox(value: unknown): { name: string; address: string } | null {
  if (!value || typeof value !== "object" || !("value" in value)) return null;
  const queue: EmailAddress[] = [...(value as AddressObject).value];
  while (queue.length > 0) {
    const entry = queue.shift()!;
    if (entry.address) return { name: cleanDisplayName(entry.name), address: entry.address };
    if (entry.group) queue.unshift(...entry.group);
  }
  return null;
}

/** The display name ends up in notification subjects: no control characters, bounded length. */
function cleanDisplayName(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}]+/gu, " ").replace(/\s+/g, " ").trim().slice(0, 200);
}
