import type { Metadata } from "next";
import { BrandingForm } from "@/app/(admin)/admin/branding/branding-form";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { getBranding } from "@/lib/settings/get-branding";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).brandingSettings.title };
}

export default async function BrandingPage() {
  await requireRole(["admin"], "/admin/branding");
  const [messages, branding] = await Promise.all([getRequestMessages(), getBranding()]);
  const t = messages.brandingSettings;
  return (
    <section className="mx-auto max-w-xl space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </div>
      <BrandingForm initial={{ orgName: branding.orgName, logoUrl: branding.logoUrl ?? "", colour: branding.colour }} t={t} />
    </section>
  );
}
