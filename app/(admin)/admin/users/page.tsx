import type { Metadata } from "next";
import { InviteForm } from "@/app/(admin)/admin/users/invite-form";
import { INVITABLE_ROLES } from "@/lib/admin/invitation-schemas";
import { listStaffUsers } from "@/lib/admin/list-staff-users";
import { requireRole } from "@/lib/auth/require-role";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).users.pageTitle };
}

export default async function UsersPage() {
  const actor = await requireRole(["admin"], "/admin/users");
  const locale = await getRequestLocale();
  const t = getMessages(locale).users;
  const users = await listStaffUsers(actor);
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </header>
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
      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-lg font-semibold">
          {t.title}
        </h2>
        {users.length === 0 ? (
          <p className="text-ink-600">{t.empty}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {users.map((user) => (
              <li key={user.id} data-testid="user-row" data-state={user.state} className="grid gap-1 px-4 py-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,4fr)_10rem_10rem] sm:items-center sm:gap-4">
                <span className="font-medium wrap-anywhere">{user.name}</span>
                <span className="text-sm wrap-anywhere">{user.email}</span>
                <span className="text-sm">{t.roles[user.role] ?? user.role}</span>
                <span className="text-sm text-ink-600">
                  {t.states[user.state]} · <time dateTime={user.createdAt.toISOString()}>{formatDateTime(user.createdAt, locale)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
