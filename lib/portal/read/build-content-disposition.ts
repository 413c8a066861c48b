// RFC 5987 §3.2.1 attr-char: what may stand unencoded in an ext-value.
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeExtValue(value: string): string {
  return [...Buffer.from(value, "utf8")]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

/**
 * A file name from a message is attacker-chosen: drop control characters and path separators, trim the dots
 * and spaces Windows ignores, and cap the length so no file system refuses it.
 */
function cleanFilename(name: string, fallback: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[/\\:*?"<>|]/g, "_")
    .replace(/^[\s.]+|[\s.]+$/g, "")
    .slice(0, 200);
  return cleaned || fallback;
}

/**
 * `Content-Disposition: attachment` with both file-name forms of RFC 6266 §4.3: an ASCII `filename` for old
 * clients and `filename*` (RFC 5987, UTF-8) that current browsers prefer. `attachment` makes the browser save
 * rather than render, whatever the content.
 */
export function buildContentDisposition(name: string, fallback = "attachment"): string {
  const clean = cleanFilename(name, fallback);
  const ascii = clean.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(clean)}`;
}
