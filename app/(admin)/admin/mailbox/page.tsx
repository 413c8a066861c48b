import type { Metadata } from "next";
import Link from "next/link";
import { listDevMailbox } from "@/lib/admin/list-dev-mailbox";
import { requireRole } from "@/lib/auth/require-role";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).mailbox.title };
}

export default async function DevMailboxPage() {
  const actor = await requireRole(["admin"], "/admin/mailbox");
  const locale = await getRequestLocale();
  const t = getMessages(locale).mailbox;
  const entries = await listDevMailbox(actor);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </div>
      {entries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-ink-600">{t.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {entries.map((entry) => (
            <li key={entry.id} data-testid="mailbox-entry" className="space-y-1 px-4 py-3">
              <Link href={`/admin/mailbox/${entry.id}`} className="font-medium wrap-anywhere">
                {entry.subject || t.subject}
              </Link>
              <p className="flex flex-wrap gap-x-4 text-sm text-ink-600">
                <span className="wrap-anywhere">
                  {t.to}: {entry.envelopeTo}
                </span>
                <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt, locale)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
