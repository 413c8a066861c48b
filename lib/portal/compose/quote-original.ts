// A quoted original is for context, not an archive: past this it is cut (the whole original stays in the thread).
const MAX_QUOTED_CHARS = 20_000;

/**
 * The reply body with the original quoted below it, each line prefixed "> " (the plain-text convention of
 * RFC 3676 §4.5). `attribution` is the localised "On …, … wrote:" line.
 */
export function quoteOriginal(reply: string, attribution: string, original: string): string {
  const text = original.length > MAX_QUOTED_CHARS ? `${original.slice(0, MAX_QUOTED_CHARS)}\n[…]` : original;
  const quoted = text
    .replace(/\r\n?/g, "\n")
    .replace(/\n+$/, "")
    .split("\n")
    .map((line) => (line.startsWith(">") ? `>${line}` : `> ${line}`))
    .join("\n");
  return `${reply.replace(/\s+$/, "")}\n\n${attribution}\n${quoted}\n`;
}
