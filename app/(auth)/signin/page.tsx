import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/app/(auth)/signin/sign-in-form";
import type { SearchParams } from "@/app/_components/page-props";
import { getCurrentActor } from "@/lib/auth/require-role";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { getMessages } from "@/lib/i18n/messages";

export const metadata: Metadata = { title: getMessages().signIn.title };

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const t = getMessages().signIn;
  const params = await searchParams;
  const callbackUrl = toLocalPath(params.callbackUrl);
  if (await getCurrentActor()) redirect(callbackUrl);
  return (
    <section className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      {params.setup === "done" && (
        <p data-testid="setup-done" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {t.setupDone}
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} />
    </section>
  );
}
