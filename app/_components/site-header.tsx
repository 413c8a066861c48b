import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import type { Actor, Role } from "@/lib/auth/roles";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import type { Messages } from "@/lib/i18n/messages";

type NavLabel = keyof Pick<Messages["common"], "inbox" | "compose" | "sent" | "webhooks" | "account" | "dashboard" | "users" | "auditLog" | "reports" | "policies" | "settings" | "apiTokens">;

// Each role's pages; the pages check the role themselves, these links only spare people from typing addresses.
// An admin's less frequent pages (branding, retention, tokens, webhooks, dev mailbox) are on the dashboard, so
// the bar stays one line on a laptop.
const NAV: Record<Role, [href: string, label: NavLabel][]> = {
  recipient: [["/inbox", "inbox"], ["/compose", "compose"], ["/account", "account"]],
  sender: [["/inbox", "inbox"], ["/compose", "compose"], ["/sent", "sent"], ["/settings/webhooks", "webhooks"], ["/settings/tokens", "apiTokens"], ["/account", "account"]],
  compliance: [["/compliance", "auditLog"], ["/compliance/reports", "reports"], ["/account", "account"]],
  admin: [
    ["/admin", "dashboard"],
    ["/sent", "sent"],
    ["/admin/users", "users"],
    ["/admin/policies", "policies"],
    ["/admin/settings", "settings"],
    ["/compliance", "auditLog"],
    ["/compliance/reports", "reports"],
    ["/account", "account"],
  ],
};

/**
 * Organisation name, the signed-in person's links and a sign-out button. On phones the name and the button
 * share the first row and the links wrap below; from `sm` up everything is one row.
 */
export async function SiteHeader({ orgName, actor }: { orgName: string; actor: Actor | null }) {
  const t = (await getRequestMessages()).common;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="order-1 text-lg font-semibold text-ink-900 no-underline">
          {orgName}
        </Link>
        {actor ? (
          <>
            <form action={signOutAction} className="order-2 sm:order-3">
              <button
                type="submit"
                data-testid="sign-out"
                className="rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
              >
                {t.signOut}
              </button>
            </form>
            <nav aria-label={t.accountNav} className="order-3 flex w-full flex-wrap items-center gap-x-4 gap-y-1 text-sm sm:order-2 sm:ml-auto sm:w-auto">
              {NAV[actor.role].map(([href, label]) => (
                <Link key={href} href={href} className="inline-block py-1">
                  {t[label]}
                </Link>
              ))}
              <span className="text-ink-600" data-testid="signed-in-as">
                {t.signedInAs(actor.name)}
              </span>
            </nav>
          </>
        ) : (
          <Link href="/signin" className="order-2 text-sm font-medium">
            {t.signIn}
          </Link>
        )}
      </div>
    </header>
  );
}
