import type { Metadata } from "next";
import { ResetRequestForm } from "@/app/(auth)/reset-password/reset-request-form";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).access.reset.pageTitle };
}

export default async function ResetPasswordPage() {
  const t = getMessages(await getRequestLocale()).access.reset;
  return (
    <section className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </div>
      <ResetRequestForm t={{ email: t.email, submit: t.submit, submitting: t.submitting, sent: t.sent, invalidEmail: t.invalidEmail }} />
    </section>
  );
}
