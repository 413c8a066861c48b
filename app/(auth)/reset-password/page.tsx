import type { Metadata } from "next";
import { ResetRequestForm } from "@/app/(auth)/reset-password/reset-request-form";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { FormCard } from "@/app/_components/form-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).access.reset.pageTitle };
}

export default async function ResetPasswordPage() {
  const t = getMessages(await getRequestLocale()).access.reset;
  return (
    <FormCard title={t.title} intro={t.intro}>
      <ResetRequestForm t={{ email: t.email, submit: t.submit, submitting: t.submitting, sent: t.sent, invalidEmail: t.invalidEmail }} />
    </FormCard>
  );
}
