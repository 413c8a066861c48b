import { IntakeError } from "@/lib/intake/intake-error";

export type HeaderField = {
  /** Lower-cased field name. */
  name: string;
  /** Byte offsets into the raw message; `end` is past the field's final line break (folded lines included). */
  start: number;
  end: number;
};

export type HeaderBlock = {
  fields: HeaderField[];
  /** Offset of the body: past the empty line that ends the header block (the message length when there is none). */
  bodyStart: number;
};

const SP = 0x20;
const HTAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
// RFC 5322 §2.2: field-name = 1*ftext (printable US-ASCII except ":"); obsolete syntax (§4.5) allows
// whitespace before the colon, which some old clients still send.
const FIELD_NAME = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;

/**
 * Locates the header fields of a raw RFC 5322 message without decoding anything, so the Subject field can be
 * replaced byte for byte. Throws `malformed-message` when the message does not start with a header block.
 */
export function splitHeaderFields(raw: Buffer): HeaderBlock {
  const fields: HeaderField[] = [];
  let pos = 0;
  while (pos < raw.length) {
    const lf = raw.indexOf(LF, pos);
    const lineEnd = lf === -1 ? raw.length : lf + 1;
    const contentEnd = lf === -1 ? raw.length : lf > pos && raw[lf - 1] === CR ? lf - 1 : lf;
    if (contentEnd === pos) return finish(fields, lineEnd);
    const first = raw[pos];
    const current = fields.at(-1);
    if (first === SP || first === HTAB) {
      if (!current) throw malformed("the message starts with a folded line instead of a header field");
      current.end = lineEnd;
    } else {
      const match = FIELD_NAME.exec(raw.toString("latin1", pos, Math.min(contentEnd, pos + 1000)));
      if (!match) throw malformed(fields.length === 0 ? "the message has no header block" : "a header line is not a header field");
      fields.push({ name: match[1]!.toLowerCase(), start: pos, end: lineEnd });
    }
    pos = lineEnd;
  }
  return finish(fields, raw.length);
}

function finish(fields: HeaderField[], bodyStart: number): HeaderBlock {
  if (fields.length === 0) throw malformed("the message has no header block");
  return { fields, bodyStart };
}

function malformed(detail: string): IntakeError {
  return new IntakeError(
    "malformed-message",
    `The message is not a valid email: ${detail}. Send a complete RFC 5322 message (header fields, an empty line, then the body).`,
  );
}
