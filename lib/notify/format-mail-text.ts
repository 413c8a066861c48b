/** One line of header-safe text: control characters (CR/LF above all) become spaces, runs of space collapse. */
export function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
}

/** Dates in notifications: unambiguous for every reader, whatever their locale, e.g. "3 March 2026, 14:05 UTC". */
export function formatUtc(date: Date): string {
  const text = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(date);
  return `${text} UTC`;
}
