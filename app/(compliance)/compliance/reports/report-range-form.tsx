import type { Messages } from "@/lib/i18n/messages";

/** The period of every report on the page (a GET form: the URL can be bookmarked and shared). */
export function ReportRangeForm({ from, to, t, error }: { from: string; to: string; t: Messages["reports"]["range"]; error: string | null }) {
  const input = "block rounded-md border border-slate-400 bg-white px-3 py-2 aria-invalid:border-red-700";
  return (
    <form method="get" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="report-range-form">
      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="mb-2 font-semibold">{t.legend}</legend>
        <div className="space-y-1">
          <label htmlFor="report-from" className="block text-sm font-medium">
            {t.from}
          </label>
          <input id="report-from" name="from" type="date" defaultValue={from} aria-invalid={error ? true : undefined} aria-describedby={error ? "report-range-error" : undefined} className={input} data-testid="report-from" />
        </div>
        <div className="space-y-1">
          <label htmlFor="report-to" className="block text-sm font-medium">
            {t.to}
          </label>
          <input id="report-to" name="to" type="date" defaultValue={to} aria-invalid={error ? true : undefined} aria-describedby={error ? "report-range-error" : undefined} className={input} data-testid="report-to" />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700" data-testid="report-submit">
          {t.submit}
        </button>
      </fieldset>
      {error && (
        <p id="report-range-error" role="alert" className="text-sm font-medium text-red-800" data-testid="report-range-error">
          {error}
        </p>
      )}
    </form>
  );
}
