import { changePolicyAction, removePolicyAction } from "@/app/(admin)/admin/policies/actions";
import type { DomainPolicyEntry } from "@/lib/delivery/find-domain-policy";
import { TLS_POLICIES } from "@/lib/delivery/domain-policy";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

const SMALL_BUTTON = "rounded-md border px-3 py-2 text-sm font-medium";

/** The policy table: one row per entry with its policy as a select to change, and a remove button. */
export function PolicyTable({ entries, locale }: { entries: DomainPolicyEntry[]; locale: Locale }) {
  const t = getMessages(locale).adminPolicies;
  if (entries.length === 0) {
    return (
      <p className="text-ink-600" data-testid="policies-empty">
        {t.empty}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {entries.map((entry) => (
        <li key={entry.domain} data-testid="policy-row" data-domain={entry.domain} data-policy={entry.policy} className="grid gap-2 px-4 py-3 sm:grid-cols-[minmax(0,3fr)_minmax(0,6fr)_auto] sm:items-center sm:gap-4">
          <div className="min-w-0">
            <p className="font-mono font-medium wrap-anywhere">{entry.domain}</p>
            <p className="text-sm text-ink-600">
              {t.updated} {formatDateTime(entry.updatedAt, locale)}
            </p>
          </div>
          <form action={changePolicyAction} className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <input type="hidden" name="domain" value={entry.domain} />
            <label htmlFor={`policy-${entry.domain}`} className="sr-only">
              {t.policyFor(entry.domain)}
            </label>
            <select id={`policy-${entry.domain}`} name="policy" defaultValue={entry.policy} className="rounded-md border border-slate-400 bg-white px-3 py-2 text-base">
              {TLS_POLICIES.map((policy) => (
                <option key={policy} value={policy}>
                  {t.policies[policy] ?? policy}
                </option>
              ))}
            </select>
            <button type="submit" aria-label={t.changeLabel(entry.domain)} className={`${SMALL_BUTTON} border-slate-400 bg-white hover:bg-slate-50`}>
              {t.change}
            </button>
          </form>
          <form action={removePolicyAction}>
            <input type="hidden" name="domain" value={entry.domain} />
            <button
              type="submit"
              aria-label={t.removeLabel(entry.domain)}
              data-testid="policy-remove"
              className={`${SMALL_BUTTON} w-full border-red-700 bg-white text-red-800 hover:bg-red-50 sm:w-auto`}
            >
              {t.remove}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
