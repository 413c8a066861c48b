import { revokeTokenAction } from "@/app/(sender)/settings/tokens/actions";
import type { ApiTokenView } from "@/lib/admin/list-api-tokens";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

/** A person's API tokens with a revoke button for each active one; `from` says which page to return to. */
export function TokenList({ tokens, from, locale }: { tokens: ApiTokenView[]; from: "own" | "admin"; locale: Locale }) {
  const t = getMessages(locale).apiTokens;
  if (tokens.length === 0) {
    return (
      <p className="text-ink-600" data-testid="tokens-empty">
        {t.none}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {tokens.map((token) => (
        <li
          key={token.id}
          data-testid="token-row"
          data-state={token.revokedAt ? "revoked" : "active"}
          className="grid gap-2 px-4 py-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,5fr)_auto] sm:items-center sm:gap-4"
        >
          <div className="min-w-0">
            <p className="font-medium wrap-anywhere">{token.name}</p>
            <p className="text-sm text-ink-600">
              {t.prefix} <span className="font-mono">{token.prefix}…</span>
            </p>
          </div>
          <p className="text-sm text-ink-600">
            {t.created} {formatDateTime(token.createdAt, locale)} · {t.lastUsed}: {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t.neverUsed}
            {token.revokedAt && <> · {t.revokedAt(formatDateTime(token.revokedAt, locale))}</>}
          </p>
          {!token.revokedAt && (
            <form action={revokeTokenAction}>
              <input type="hidden" name="tokenId" value={token.id} />
              <input type="hidden" name="from" value={from} />
              <button
                type="submit"
                aria-label={t.revokeLabel(token.name)}
                data-testid="token-revoke"
                className="w-full rounded-md border border-red-700 bg-white px-3 py-2 text-sm font-medium text-red-800 hover:bg-red-50 sm:w-auto"
              >
                {t.revoke}
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}
