import type { Metadata } from "next";
import { z } from "zod";
import { InboxList } from "@/app/(recipient)/inbox/inbox-list";
import { InboxPagination } from "@/app/(recipient)/inbox/inbox-pagination";
import { InboxSearch } from "@/app/(recipient)/inbox/inbox-search";
import type { SearchParams } from "@/app/_components/page-props";
import { requireUser } from "@/lib/auth/require-role";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { listInbox, SEARCH_LIMIT } from "@/lib/portal/inbox/list-inbox";

// Subjects are decrypted for the page shown: never cached (dynamic pages are sent with no-store).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).inbox.pageTitle };
}

const querySchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser("/inbox");
  const { q, page } = querySchema.parse(await searchParams);
  const t = (await getRequestMessages()).inbox;
  const inbox = await listInbox(actor, { query: q, page });
  return (
    <section className="space-y-6" aria-labelledby="inbox-heading">
      <header className="space-y-2">
        <h1 id="inbox-heading" className="text-2xl font-semibold">
          {t.title}
        </h1>
        <p className="text-ink-600">{t.intro(actor.email)}</p>
      </header>
      <InboxSearch query={inbox.query} t={t} />
      {inbox.query && (
        <p className="text-sm text-ink-600" role="status" data-testid="inbox-result-count">
          {t.results(inbox.total)}
          {inbox.searchLimited ? ` ${t.searchLimited(SEARCH_LIMIT)}` : ""}
        </p>
      )}
      {inbox.items.length === 0 ? (
        <p data-testid="inbox-empty" className="rounded-lg border border-slate-200 bg-white p-6 text-ink-600">
          {inbox.query ? t.noResults(inbox.query) : t.empty}
        </p>
      ) : (
        <InboxList items={inbox.items} t={t} />
      )}
      <InboxPagination page={inbox.page} pageCount={inbox.pageCount} query={inbox.query} t={t} />
    </section>
  );
}
