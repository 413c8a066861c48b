import Link from "next/link";
import type { Messages } from "@/lib/i18n/messages";

function pageHref(page: number, query: string): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/inbox?${search}` : "/inbox";
}

export function InboxPagination({ page, pageCount, query, t }: { page: number; pageCount: number; query: string; t: Messages["inbox"] }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={t.pagination} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      {page > 1 ? (
        <Link href={pageHref(page - 1, query)} rel="prev" data-testid="inbox-newer">
          ← {t.newer}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-ink-600">{t.pageOf(page, pageCount)}</span>
      {page < pageCount ? (
        <Link href={pageHref(page + 1, query)} rel="next" data-testid="inbox-older">
          {t.older} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
