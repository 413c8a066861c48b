import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";

const LINKS = [
  { key: "users", href: "/admin/users" },
  { key: "policies", href: "/admin/policies" },
  { key: "settings", href: "/admin/settings" },
  { key: "branding", href: "/admin/branding" },
  { key: "retention", href: "/admin/retention" },
  { key: "apiTokens", href: "/settings/tokens" },
  { key: "webhooks", href: "/settings/webhooks" },
] as const;

/** Shortcuts to the console pages: a title that is the link, and one line on what is there. */
export function ConsoleLinks({ t }: { t: Messages["adminConsole"] }) {
  return (
    <nav aria-labelledby="console-heading" className="space-y-3">
      <h2 id="console-heading" className="text-lg font-semibold">
        {t.consoleTitle}
      </h2>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {LINKS.map(({ key, href }) => (
          <li key={key} className="rounded-lg border border-slate-200 bg-white p-4">
            <Link href={href} className="font-semibold" data-testid={`console-${key}`}>
              {t.cards[key].title}
            </Link>
            <p className="mt-1 text-sm text-ink-600">{t.cards[key].body}</p>
          </li>
        ))}
      </ul>
    </nav>
  );
}
