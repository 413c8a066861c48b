import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

// Reports show whole UTC days (the range is in UTC days) and rough durations, in the reader's language.
const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de-DE" };

/** A YYYY-MM-DD day, e.g. "3 Mar 2026" or "03.03.2026". */
export function formatReportDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** 0..1 as a percentage with at most one decimal, e.g. "42.5 %" / "42,5 %". */
export function formatShare(share: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** The two largest units of a duration, e.g. "2 h 5 min" or "45 s". */
export function formatDuration(ms: number, units: Messages["reports"]["duration"]): string {
  const seconds = Math.round(ms / 1000);
  const parts: [number, (n: number) => string][] = [
    [Math.floor(seconds / 86_400), units.days],
    [Math.floor((seconds % 86_400) / 3_600), units.hours],
    [Math.floor((seconds % 3_600) / 60), units.minutes],
    [seconds % 60, units.seconds],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return units.seconds(0);
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => unit(value))
    .join(" ");
}
