import type { Metadata } from "next";
import Link from "next/link";
import type { SearchParams } from "@/app/_components/page-props";
import { InviteForm } from "@/app/(admin)/admin/users/invite-form";
import { RecipientAccounts } from "@/app/(admin)/admin/users/recipient-accounts";
import { StaffList } from "@/app/(admin)/admin/users/staff-list";
import { INVITABLE_ROLES } from "@/lib/admin/invitation-schemas";
import { listStaffUsers } from "@/lib/admin/list-staff-users";
import { searchRecipientUsers } from "@/lib/admin/search-recipient-users";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).users.pageTitle };
}

const TAB_CLASS = "rounded-t-md border-b-2 px-3 py-2 font-medium no-underline";

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(["admin"], "/admin/users");
  const locale = await getRequestLocale();
  const messages = getMessages(locale);
  const t = messages.users;
  const a = messages.adminUsers;
  const params = await searchParams;
  const tab = params.tab === "recipients" ? "recipients" : "staff";
  const query = typeof params.q === "string" ? params.q : "";
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{tab === "staff" ? t.intro : a.recipients.intro}</p>
      </header>
      <nav aria-label={a.tabs.label} className="flex gap-2 border-b border-slate-200">
        {(["staff", "recipients"] as const).map((name) => (
          <Link
            key={name}
            href={name === "staff" ? "/admin/users" : "/admin/users?tab=recipients"}
            aria-current={tab === name ? "page" : undefined}
            data-testid={`tab-${name}`}
            className={`${TAB_CLASS} ${tab === name ? "border-brand-600 text-ink-900" : "border-transparent text-ink-600"}`}
          >
            {a.tabs[name]}
          </Link>
        ))}
      </nav>
      {tab === "recipients" ? (
        <RecipientAccounts users={await searchRecipientUsers(actor, query)} query={query} locale={locale} />
      ) : (
        <>
          <section aria-labelledby="invite-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="invite-heading" className="text-lg font-semibold">
              {t.invite.heading}
            </h2>
            <p className="text-sm text-ink-600">{t.invite.intro}</p>
            <InviteForm
              labels={{
                name: t.name,
                email: t.email,
                role: t.role,
                roles: INVITABLE_ROLES.map((role) => ({ value: role, label: t.roles[role] ?? role })),
                submit: t.invite.submit,
                submitting: t.invite.submitting,
                errors: { name: t.errors.name, email: t.errors.email, role: t.errors.role, emailTaken: t.errors.emailTaken },
                sent: t.invite.sent("{email}"),
                resent: t.invite.resent("{email}"),
              }}
            />
          </section>
          <StaffList users={await listStaffUsers(actor)} locale={locale} />
        </>
      )}
    </article>
  );
}
