import Link from "next/link";
import { adminExists } from "@/lib/auth/admin-setup";
import { getCurrentActor } from "@/lib/auth/require-role";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { getBranding } from "@/lib/settings/get-branding";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [messages, actor, hasAdmin, branding] = await Promise.all([getRequestMessages(), getCurrentActor(), adminExists(), getBranding()]);
  const t = messages.home;
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <section className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight">{t.title(branding.orgName)}</h1>
        <p className="text-lg text-ink-600">{t.intro}</p>
        <p className="text-ink-600">{t.recipientHint}</p>
      </section>
      {!hasAdmin && (
        <section data-testid="setup-note" aria-labelledby="setup-heading" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5">
          <h2 id="setup-heading" className="text-lg font-semibold text-amber-950">
            {t.setupTitle}
          </h2>
          <p className="text-amber-950">{t.setupNote}</p>
          <p className="text-amber-950">{t.setupNewLink}</p>
          <pre className="overflow-x-auto rounded-md bg-white p-3 ring-1 ring-amber-200">
            <code>{t.setupCommand}</code>
          </pre>
        </section>
      )}
      <section className="space-y-3">
        {actor?.role === "admin" ? (
          <Link href="/admin" className="inline-block rounded-md bg-brand-600 px-4 py-3 font-semibold text-white no-underline hover:bg-brand-700 hover:text-white">
            {t.goToDashboard}
          </Link>
        ) : (
          !actor && (
            <>
              <p className="text-ink-600">{t.staffHint}</p>
              <Link href="/signin" className="inline-block rounded-md bg-brand-600 px-4 py-3 font-semibold text-white no-underline hover:bg-brand-700 hover:text-white">
                {messages.common.signIn}
              </Link>
            </>
          )
        )}
      </section>
    </div>
  );
}
