import type { Metadata } from "next";
import type { SearchParams } from "@/app/_components/page-props";
import { DkimSection } from "@/app/(admin)/admin/settings/dkim-section";
import { OrgSettingsForm } from "@/app/(admin)/admin/settings/org-settings-form";
import { requireRole } from "@/lib/auth/require-role";
import { getConfig } from "@/lib/config";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { getDkimStatus } from "@/lib/settings/get-dkim-status";
import { getOrgSettings } from "@/lib/settings/org-settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).adminSettings.title };
}

export default async function SettingsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole(["admin"], "/admin/settings");
  const locale = await getRequestLocale();
  const t = getMessages(locale).adminSettings;
  const [settings, dkim] = await Promise.all([getOrgSettings(), getDkimStatus()]);
  const config = getConfig();
  const fallbackFrom = config.NOTIFY_FROM ?? `no-reply@${config.SMTP_HOSTNAME}`;
  const { dkim: dkimStrings, notifyFromHint, title, intro, ...formStrings } = t;
  const removed = (await searchParams).done === "dkimRemoved";
  // A dated selector, so a new key never reuses the name of a record that still verifies older mail.
  const now = new Date();
  const datedSelector = `sp${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, "0")}${String(now.getUTCDate()).padStart(2, "0")}`;
  const dkimDomain = dkim.domain ?? settings.notifyFrom?.split("@")[1] ?? config.SMTP_HOSTNAME;
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-ink-600">{intro}</p>
      </header>
      {removed && (
        <p role="status" data-testid="settings-notice" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {dkimStrings.removed}
        </p>
      )}
      <section aria-labelledby="org-settings-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="org-settings-heading" className="text-lg font-semibold">
          {t.formTitle}
        </h2>
        <OrgSettingsForm
          initial={{
            subjectTag: settings.subjectTag,
            notificationIntro: settings.notificationIntro ?? "",
            notifyFrom: settings.notifyFrom ?? "",
            requireStaffMfa: settings.requireStaffMfa,
            breakGlassEnabled: settings.breakGlassEnabled,
            breakGlassHours: String(settings.breakGlassHours),
          }}
          t={{ ...formStrings, notifyFromHint: notifyFromHint(fallbackFrom) }}
        />
      </section>
      <DkimSection status={dkim} defaults={{ domain: dkimDomain, selector: datedSelector }} t={dkimStrings} locale={locale} />
    </article>
  );
}
