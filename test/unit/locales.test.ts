import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/lib/i18n/format-date";
import { LOCALES, negotiateLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { formatUtc } from "@/lib/notify/format-mail-text";

describe("negotiateLocale", () => {
  it("prefers an explicit choice (cookie) over the browser's languages", () => {
    expect(negotiateLocale("en-GB,en;q=0.9", "de")).toBe("de");
    expect(negotiateLocale("de-DE", "en")).toBe("en");
  });

  it("follows Accept-Language by quality and primary subtag (RFC 9110 §12.5.4)", () => {
    expect(negotiateLocale("de-AT", null)).toBe("de");
    expect(negotiateLocale("fr-FR, de;q=0.8, en;q=0.5", null)).toBe("de");
    expect(negotiateLocale("en;q=0.4, DE;q=0.9", null)).toBe("de");
    expect(negotiateLocale("de;q=0, en", null)).toBe("en");
  });

  it("falls back to English for unknown, empty or malformed input and ignores unknown cookies", () => {
    for (const header of ["fr, es", "", "*", ";;;", "q=1", null, undefined]) expect(negotiateLocale(header, "xx")).toBe("en");
  });
});

type Tree = { [key: string]: unknown };

/** Every leaf of the catalogue as [path, value], arrays and records included. */
function leaves(tree: unknown, path = ""): [string, unknown][] {
  if (typeof tree !== "object" || tree === null) return [[path, tree]];
  return Object.entries(tree as Tree).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

const sample = (fn: (...args: never[]) => unknown) => fn(...(Array.from({ length: fn.length }, (_, i) => (i % 2 ? 3 : "X")) as never[]));

describe("the catalogue", () => {
  const english = new Map(leaves(getMessages("en")));

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`has every string in ${locale}, of the same kind, and translated`, () => {
      const translated = new Map(leaves(getMessages(locale)));
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      let same = 0;
      for (const [path, value] of english) {
        const other = translated.get(path);
        expect(typeof other, path).toBe(typeof value);
        const [a, b] = typeof value === "function" ? [sample(value as never), sample(other as never)] : [value, other];
        if (typeof b === "string") expect(b.trim(), path).not.toBe("");
        if (JSON.stringify(a) === JSON.stringify(b)) same++;
      }
      // Names of languages, codes and words such as "TLS" stay the same; nearly everything else must differ.
      expect(same / english.size).toBeLessThan(0.1);
    });
  }

  it("falls back to English when no locale is given", () => {
    expect(getMessages().signIn.title).toBe("Sign in");
    expect(getMessages("de").signIn.title).toBe("Anmelden");
  });
});

describe("dates", () => {
  const date = new Date("2026-03-03T14:05:00Z");

  it("format pages' dates in the reader's language, in UTC", () => {
    expect(formatDateTime(date)).toBe("3 Mar 2026, 14:05 UTC");
    expect(formatDateTime(date, "de")).toBe("03.03.2026, 14:05 UTC");
  });

  it("write emails' dates out in full", () => {
    expect(formatUtc(date)).toBe("3 March 2026 at 14:05 UTC");
    expect(formatUtc(date, "de")).toBe("3. März 2026 um 14:05 UTC");
  });
});
