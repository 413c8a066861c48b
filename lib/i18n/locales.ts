// Languages the catalogue offers. English is the source language and the fallback.
export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "sealpost-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language to answer in: an explicit choice (cookie) wins, then the browser's Accept-Language
 * (RFC 9110 §12.5.4: highest q first, primary subtag match), then English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, cookie: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number.parseFloat(q.slice(2)) : 1 };
    })
    .filter((range) => range.tag && range.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranges) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}
