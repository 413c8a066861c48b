import type { Locale } from "@/lib/i18n/locales";

/** One line of header-safe text: control characters (CR/LF above all) become spaces, runs of space collapse. */
export function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * Dates in notifications: written out, so unambiguous for every reader, in the reader's language, e.g.
 * "3 March 2026 at 14:05 UTC" or "3. März 2026 um 14:05 UTC".
 */
export function formatUtc(date: Date, locale: Locale = "en"): string {
  const intlLocale = locale === "de" ? "de-DE" : "en-GB";
  const text = new Intl.DateTimeFormat(intlLocale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(date);
  return `${text} UTC`;
}
