import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailList } from "@/app/_components/detail-list";
import { SandboxedHtml } from "@/app/(admin)/admin/mailbox/[id]/sandboxed-html";
import type { RouteParams } from "@/app/_components/page-props";
import { getDevMailboxEntry } from "@/lib/admin/get-dev-mailbox-entry";
import { requireRole } from "@/lib/auth/require-role";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).mailbox.title };
}

// Links are listed separately because the sandboxed HTML cannot open them; only http(s) URLs qualify.
const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/g;

export default async function DevMailboxEntryPage({ params }: { params: RouteParams<"id"> }) {
  const { id } = await params;
  const actor = await requireRole(["admin"], `/admin/mailbox/${id}`);
  const entry = await getDevMailboxEntry(actor, id);
  if (!entry) notFound();
  const locale = await getRequestLocale();
  const t = getMessages(locale).mailbox;
  const links = [...new Set(entry.text.match(URL_PATTERN) ?? [])];
  return (
    <article className="space-y-6">
      <p>
        <Link href="/admin/mailbox">← {t.back}</Link>
      </p>
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold wrap-anywhere">{entry.subject}</h1>
        <DetailList
          items={[
            { label: t.from, value: entry.envelopeFrom },
            { label: t.to, value: entry.envelopeTo },
            { label: t.time, value: <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt, locale)}</time> },
          ]}
        />
      </header>
      {links.length > 0 && (
        <section aria-labelledby="links-heading" className="space-y-2">
          <h2 id="links-heading" className="text-lg font-semibold">
            {t.links}
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            {links.map((link) => (
              <li key={link} className="wrap-anywhere">
                <a href={link} data-testid="mailbox-link" rel="noopener noreferrer">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="text-heading" className="space-y-2">
        <h2 id="text-heading" className="text-lg font-semibold">
          {t.textVersion}
        </h2>
        <pre data-testid="mailbox-text" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 whitespace-pre-wrap wrap-anywhere">
          {entry.text}
        </pre>
      </section>
      <section aria-labelledby="html-heading" className="space-y-2">
        <h2 id="html-heading" className="text-lg font-semibold">
          {t.htmlVersion}
        </h2>
        {entry.html ? (
          <>
            <p className="text-sm text-ink-600">{t.htmlNote}</p>
            <SandboxedHtml html={entry.html} title={t.htmlFrameTitle} />
          </>
        ) : (
          <p className="text-ink-600">{t.noHtml}</p>
        )}
      </section>
    </article>
  );
}
