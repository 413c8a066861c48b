import type { Metadata } from "next";
import Link from "next/link";
import { SetupForm, setupFormText } from "@/app/(auth)/setup/[token]/setup-form";
import { Notice } from "@/app/_components/notice";
import type { RouteParams } from "@/app/_components/page-props";
import { adminExists, isAdminSetupTokenUsable } from "@/lib/auth/admin-setup";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { FormCard } from "@/app/_components/form-card";

// The token is a credential: never cache this page.
export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).setup.title };
}

export default async function AdminSetupPage({ params }: { params: RouteParams<"token"> }) {
  const messages = await getRequestMessages();
  const t = messages.setup;
  const { token } = await params;
  if (await adminExists()) {
    return (
      <Notice title={t.adminExistsTitle} testId="setup-admin-exists">
        <p>{t.adminExistsBody}</p>
        <p>
          <Link href="/signin">{messages.common.signIn}</Link>
        </p>
      </Notice>
    );
  }
  if (!(await isAdminSetupTokenUsable(token))) {
    return (
      <Notice title={t.invalidTitle} testId="setup-invalid">
        <p>{t.invalidBody}</p>
        <p>{t.invalidWhatNext}</p>
        <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-ink-900">
          <code>{messages.home.setupCommand}</code>
        </pre>
      </Notice>
    );
  }
  return (
    <FormCard title={t.title} intro={t.intro}>
      <SetupForm token={token} t={setupFormText(messages)} />
    </FormCard>
  );
}
