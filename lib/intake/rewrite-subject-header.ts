import type { HeaderField } from "@/lib/intake/split-header-fields";

// Printable US-ASCII plus space and tab: safe to write as-is. Anything else — non-ASCII, and above all CR or LF,
// which a decoded encoded-word may carry — is written as RFC 2047 encoded words so it cannot end the header
// early or inject a field.
const PLAIN_HEADER_TEXT = /^[\x20-\x7e\t]*$/;
// RFC 5322 §2.1.1: lines SHOULD stay within 78 characters. 39 UTF-8 bytes make 52 base64 characters, so
// "Subject: " or a folding space plus "=?UTF-8?B?…?=" stays below that.
const MAX_PLAIN_LINE = 78;
const MAX_WORD_BYTES = 39;

/**
 * Replaces the Subject field of `raw` with `subject`, leaving every other byte untouched (DKIM signatures over
 * other fields stay valid; one over Subject breaks, as it must once the subject changed).
 * An empty subject keeps an empty Subject field rather than dropping it.
 */
export function rewriteSubjectHeader(raw: Buffer, field: HeaderField, subject: string): Buffer {
  return Buffer.concat([raw.subarray(0, field.start), Buffer.from(formatSubjectField(subject), "latin1"), raw.subarray(field.end)]);
}

/** The complete `Subject: …` field, ending with CRLF, in 7-bit ASCII. */
export function formatSubjectField(subject: string): string {
  const line = `Subject: ${subject}`;
  // A literal "=?" would be read back as the start of an encoded word (RFC 2047 §6.1): encode it too.
  if (PLAIN_HEADER_TEXT.test(subject) && !subject.includes("=?") && line.length <= MAX_PLAIN_LINE) return `${line}\r\n`;
  return `Subject: ${encodedWords(subject).join("\r\n ")}\r\n`;
}

/**
 * RFC 2047 "B" encoded words of at most MAX_WORD_BYTES each, split between code points (§5: each word holds
 * whole characters). Whitespace between adjacent encoded words is ignored when decoding (§6.2), so folding
 * between them changes nothing.
 */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk: Buffer[] = [];
  let size = 0;
  for (const char of text) {
    const bytes = Buffer.from(char, "utf8");
    if (size + bytes.length > MAX_WORD_BYTES && size > 0) {
      words.push(encodeWord(chunk));
      chunk = [];
      size = 0;
    }
    chunk.push(bytes);
    size += bytes.length;
  }
  if (size > 0 || words.length === 0) words.push(encodeWord(chunk));
  return words;
}

function encodeWord(chunk: Buffer[]): string {
  return `=?UTF-8?B?${Buffer.concat(chunk).toString("base64")}?=`;
}
