import type { Metadata } from "next";
import Link from "next/link";
import { ConsoleLinks } from "@/app/(admin)/admin/console-links";
import { RecentMessageCard } from "@/app/(admin)/admin/recent-message-card";
import { countRecipientsByStatus } from "@/lib/admin/count-recipients-by-status";
import { listRecentMessages } from "@/lib/admin/list-recent-messages";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).admin.title };
}

export default async function AdminDashboardPage() {
  const actor = await requireRole(["admin"], "/admin");
  const t = await getRequestMessages();
  const [counts, messages] = await Promise.all([countRecipientsByStatus(actor), listRecentMessages(actor, 20)]);
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t.admin.title}</h1>
        <Link href="/admin/mailbox">{t.common.devMailbox}</Link>
      </div>
      <ConsoleLinks t={t.adminConsole} />
      <section aria-labelledby="counts-heading" className="space-y-3">
        <h2 id="counts-heading" className="text-lg font-semibold">
          {t.admin.recipientsByStatus}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {counts.map(({ status, count }) => (
            <div key={status} className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm text-ink-600">{t.status[status] ?? status}</dt>
              <dd data-testid={`count-${status}`} className="text-2xl font-semibold tabular-nums">
                {count}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          {t.admin.recentMessages}
        </h2>
        <p className="text-sm text-ink-600">{t.admin.recentMessagesNote}</p>
        {messages.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-ink-600">{t.admin.noMessages}</p>
        ) : (
          <ul className="space-y-3">
            {messages.map((message) => (
              <li key={message.id}>
                <RecentMessageCard message={message} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
