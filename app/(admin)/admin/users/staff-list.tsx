import Link from "next/link";
import type { StaffUser } from "@/lib/admin/list-staff-users";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

/** Staff accounts: one row each, stacked on phones, columns from the `sm` breakpoint up. */
export function StaffList({ users, locale }: { users: StaffUser[]; locale: Locale }) {
  const messages = getMessages(locale);
  const t = messages.users;
  const a = messages.adminUsers;
  return (
    <section aria-labelledby="users-heading" className="space-y-3">
      <h2 id="users-heading" className="text-lg font-semibold">
        {t.title}
      </h2>
      {users.length === 0 ? (
        <p className="text-ink-600">{t.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {users.map((user) => (
            <li
              key={user.id}
              data-testid="user-row"
              data-state={user.state}
              data-email={user.email}
              className="grid gap-1 px-4 py-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,4fr)_8rem_minmax(0,4fr)_minmax(0,4fr)] sm:items-center sm:gap-4"
            >
              <Link href={`/admin/users/${user.id}`} aria-label={a.open(user.name)} data-testid="user-link" className="font-medium wrap-anywhere">
                {user.name}
              </Link>
              <span className="text-sm wrap-anywhere">{user.email}</span>
              <span className="text-sm" data-testid="user-role">
                {t.roles[user.role] ?? user.role}
              </span>
              <span className="text-sm">
                {a.mfa}: 
                {user.mfa ? a.mfaOn : a.mfaOff}
              </span>
              <span className="text-sm text-ink-600">
                {t.states[user.state]} · {a.lastSignIn}:{" "}
                {user.lastSignInAt ? <time dateTime={user.lastSignInAt.toISOString()}>{formatDateTime(user.lastSignInAt, locale)}</time> : a.never}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
