import type { Metadata } from "next";
import Link from "next/link";
import { SetupForm } from "@/app/(auth)/setup/[token]/setup-form";
import { Notice } from "@/app/_components/notice";
import type { RouteParams } from "@/app/_components/page-props";
import { adminExists, isAdminSetupTokenUsable } from "@/lib/auth/admin-setup";
import { getMessages } from "@/lib/i18n/messages";

// The token is a credential: never cache this page.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: getMessages().setup.title };

export default async function AdminSetupPage({ params }: { params: RouteParams<"token"> }) {
  const t = getMessages().setup;
  const { token } = await params;
  if (await adminExists()) {
    return (
      <Notice title={t.adminExistsTitle} testId="setup-admin-exists">
        <p>{t.adminExistsBody}</p>
        <p>
          <Link href="/signin">{getMessages().common.signIn}</Link>
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
          <code>{getMessages().home.setupCommand}</code>
        </pre>
      </Notice>
    );
  }
  return (
    <section className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </div>
      <SetupForm token={token} />
    </section>
  );
}
