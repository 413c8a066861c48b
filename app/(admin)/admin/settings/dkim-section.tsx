import { removeDkimKeyAction } from "@/app/(admin)/admin/settings/actions";
import { DkimForm } from "@/app/(admin)/admin/settings/dkim-form";
import { DetailList } from "@/app/_components/detail-list";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { DkimStatus } from "@/lib/settings/get-dkim-status";

const COPY_FIELD = "block w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-sm";

/** Which DKIM key signs notifications, the DNS record to publish for it, and the form for a new key. */
export function DkimSection({ status, defaults, t, locale }: { status: DkimStatus; defaults: { domain: string; selector: string }; t: Messages["adminSettings"]["dkim"]; locale: Locale }) {
  const statusText =
    status.source === "stored" && status.createdAt ? t.statusStored(formatDateTime(status.createdAt, locale)) : status.source === "config" ? t.statusConfig : t.statusNone;
  const problem = status.configProblem === "partial" ? t.problemPartial : status.configProblem === "unreadable" ? t.problemUnreadable : null;
  return (
    <section aria-labelledby="dkim-heading" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div className="space-y-2">
        <h2 id="dkim-heading" className="text-lg font-semibold">
          {t.title}
        </h2>
        <p className="text-ink-600">{t.intro}</p>
        <p data-testid="dkim-status" data-source={status.source} className="font-medium">
          {statusText}
        </p>
        {problem && <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">{problem}</p>}
      </div>
      {status.record && status.domain && status.selector && (
        <div className="space-y-3">
          <DetailList
            items={[
              { label: t.domain, value: status.domain },
              { label: t.selector, value: status.selector },
              { label: t.fingerprint, value: <span className="font-mono">{status.record.fingerprint}</span>, testId: "dkim-fingerprint" },
            ]}
          />
          <h3 className="font-semibold">{t.recordTitle}</h3>
          <p className="text-sm text-ink-600">{t.recordIntro}</p>
          <CopyField id="dkim-record-name" label={t.recordName} value={status.record.name} rows={1} />
          <CopyField id="dkim-record-value" label={t.recordValue} value={status.record.value} rows={4} />
          <CopyField id="dkim-record-zone" label={t.recordZoneFile} value={status.record.zoneFileLine} rows={5} />
        </div>
      )}
      <div className="space-y-3 border-t border-slate-100 pt-4">
        <h3 className="font-semibold">{t.generateTitle}</h3>
        <p className="text-sm text-ink-600">{t.generateIntro}</p>
        <DkimForm
          initial={defaults}
          t={{
            domain: t.domain,
            domainHint: t.generateDomainHint,
            selector: t.selector,
            selectorHint: t.generateSelectorHint,
            generate: t.generate,
            generating: t.generating,
            generated: t.generated,
            errors: t.errors,
          }}
        />
      </div>
      {status.source === "stored" && (
        <form action={removeDkimKeyAction} className="space-y-2 border-t border-slate-100 pt-4">
          <p className="text-sm text-ink-600">{t.removeHint}</p>
          <button type="submit" data-testid="dkim-remove" className="rounded-md border border-slate-400 bg-white px-4 py-2.5 font-medium hover:bg-slate-50">
            {t.remove}
          </button>
        </form>
      )}
    </section>
  );
}

function CopyField({ id, label, value, rows }: { id: string; label: string; value: string; rows: number }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea id={id} readOnly rows={rows} value={value} data-testid={id} className={COPY_FIELD} />
    </div>
  );
}
