import { setLocaleAction } from "@/app/_components/set-locale-action";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

/**
 * One button per language, each labelled in its own language (and marked up with `lang` so screen readers
 * pronounce it right). Plain forms: it works without JavaScript.
 */
export function LanguageSwitcher({ current, t }: { current: Locale; t: Messages["common"] }) {
  return (
    <nav aria-label={t.language} className="flex items-center gap-1 text-sm">
      {LOCALES.map((locale) => (
        <form key={locale} action={setLocaleAction}>
          <input type="hidden" name="locale" value={locale} />
          <button
            type="submit"
            lang={locale}
            aria-pressed={locale === current}
            data-testid={`locale-${locale}`}
            className="rounded-md px-2 py-1 font-medium text-ink-600 hover:bg-slate-100 aria-pressed:bg-slate-100 aria-pressed:text-ink-900 aria-pressed:underline"
          >
            {t.languageNames[locale] ?? locale}
          </button>
        </form>
      ))}
    </nav>
  );
}
