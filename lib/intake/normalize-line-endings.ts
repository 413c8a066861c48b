import { findLineViolation } from "@/lib/intake/find-line-violation";

/**
 * Returns `raw` with every line ending as CRLF (RFC 5322 §2.1), so nothing stored can later be relayed with a
 * bare LF or CR (the SMTP smuggling ingredient). SMTP intake already refuses such data; a file handed to the
 * CLI often uses LF. latin1 maps bytes 1:1, so 8-bit content passes through unchanged.
 */
export function normalizeLineEndings(raw: Buffer): Buffer {
  if (findLineViolation(raw) !== "bare-line-break") return raw;
  return Buffer.from(raw.toString("latin1").replace(/\r\n|\r|\n/g, "\r\n"), "latin1");
}
