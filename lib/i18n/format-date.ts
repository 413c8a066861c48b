import type { Locale } from "@/lib/i18n/locales";

// Server-rendered times are shown in UTC and labelled so, because the server does not know the reader's zone.
const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de-DE" };

const formatters = new Map<Locale, Intl.DateTimeFormat>();

/** A date and time in the reader's language, e.g. "3 Mar 2026, 14:05 UTC" or "03.03.2026, 14:05 UTC". */
export function formatDateTime(date: Date, locale: Locale = "en"): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
    formatters.set(locale, formatter);
  }
  return `${formatter.format(date)} UTC`;
}
