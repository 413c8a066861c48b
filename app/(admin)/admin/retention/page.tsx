import type { Metadata } from "next";
import { RetentionSettingsForm } from "@/app/(admin)/admin/retention/retention-settings-form";
import type { SearchParams } from "@/app/_components/page-props";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { previewRetention } from "@/lib/retention/preview-retention";
import { getRetentionDefaults, retentionDefaultsSchema } from "@/lib/retention/retention-settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).retention.admin.pageTitle };
}

export default async function RetentionSettingsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(["admin"], "/admin/retention");
  const locale = await getRequestLocale();
  const t = getMessages(locale).retention.admin;
  const defaults = await getRetentionDefaults();
  const rawPreview = (await searchParams).previewDays;
  const previewInput = typeof rawPreview === "string" && rawPreview.trim() !== "" ? rawPreview.trim() : null;
  const previewDays = previewInput === null ? null : retentionDefaultsSchema.shape.retentionDays.safeParse(previewInput);
  const [current, preview] = await Promise.all([
    previewRetention(actor, defaults.retentionDays),
    previewDays?.success && previewDays.data !== null ? previewRetention(actor, previewDays.data) : null,
  ]);
  return (
    <article className="mx-auto max-w-2xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </header>
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <RetentionSettingsForm
          initial={{ accessDays: String(defaults.accessDays), retentionDays: defaults.retentionDays === null ? "" : String(defaults.retentionDays) }}
          t={{
            accessDays: t.accessDays,
            accessHint: t.accessHint,
            retentionDays: t.retentionDays,
            retentionHint: t.retentionHint,
            submit: t.submit,
            submitting: t.submitting,
            saved: t.saved,
            errors: t.errors,
          }}
        />
      </section>
      <section aria-labelledby="effect-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" data-testid="retention-effect">
        <h2 id="effect-heading" className="text-lg font-semibold">
          {t.effectHeading}
        </h2>
        {defaults.retentionDays === null && <p>{t.forever}</p>}
        <p data-testid="retention-effect-now" data-count={current.due}>
          {t.effectNow(current.due)}
        </p>
        {current.onHold > 0 && <p data-testid="retention-effect-held">{t.effectHeld(current.onHold)}</p>}
        <form method="get" className="space-y-2 border-t border-slate-200 pt-3">
          <label htmlFor="previewDays" className="block font-medium">
            {t.previewLabel}
          </label>
          <p id="previewDays-hint" className="text-sm text-ink-600">
            {t.previewHint}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id="previewDays"
              name="previewDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              defaultValue={previewInput ?? ""}
              aria-describedby="previewDays-hint"
              data-testid="preview-days"
              className="w-32 rounded-md border border-slate-400 bg-white px-3 py-2"
            />
            <button type="submit" className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-semibold hover:bg-slate-100" data-testid="preview-submit">
              {t.previewSubmit}
            </button>
          </div>
        </form>
        {preview && previewDays?.success && previewDays.data !== null && (
          <p role="status" data-testid="retention-preview" data-count={preview.due}>
            {t.previewResult(previewDays.data, preview.due)} {preview.onHold > 0 ? t.effectHeld(preview.onHold) : ""}
          </p>
        )}
        {previewInput !== null && !previewDays?.success && (
          <p role="status" className="font-medium text-red-800" data-testid="retention-preview-invalid">
            {t.previewInvalid}
          </p>
        )}
      </section>
    </article>
  );
}
