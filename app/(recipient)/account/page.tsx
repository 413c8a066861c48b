import type { Metadata } from "next";
import { passwordErrorTexts, passwordFieldTexts } from "@/app/(auth)/_components/password-texts";
import { signOutEverywhereAction } from "@/app/(recipient)/account/actions";
import { MfaSection } from "@/app/(recipient)/account/mfa/mfa-section";
import { PasskeysSection } from "@/app/(recipient)/account/passkeys-section";
import { PasswordForm } from "@/app/(recipient)/account/password-form";
import type { SearchParams } from "@/app/_components/page-props";
import { SubmitButton } from "@/app/_components/submit-button";
import { requireUser } from "@/lib/auth/require-role";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).access.account.pageTitle };
}

const SECTION = "space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm";

/** The signed-in person's own settings: password, two-step sign-in (staff), passkeys and sessions. Every role has one. */
export default async function AccountPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser("/account");
  const m = getMessages(await getRequestLocale());
  const t = m.access.account;
  const { password } = await searchParams;
  const notice = password === "changed" ? t.changed : password === "reset" ? m.access.signIn.resetDone : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600" data-testid="account-identity">
          {t.signedInAs(actor.name, actor.email)}
        </p>
      </div>
      {notice && (
        <p role="status" data-testid="account-notice" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {notice}
        </p>
      )}
      <section aria-labelledby="password-heading" className={SECTION}>
        <h2 id="password-heading" className="text-xl font-semibold">
          {t.passwordTitle}
        </h2>
        <p className="text-ink-600">{t.passwordIntro}</p>
        <PasswordForm
          email={actor.email}
          t={{
            current: t.current,
            save: t.save,
            saving: t.saving,
            fields: passwordFieldTexts(m, { password: t.newPassword, confirm: t.confirm }),
            errors: passwordErrorTexts(m),
            throttled: m.access.signIn.throttled(15 * 60_000),
          }}
        />
      </section>
      <MfaSection actor={actor} />
      <PasskeysSection actor={actor} />
      <section aria-labelledby="sessions-heading" className={SECTION}>
        <h2 id="sessions-heading" className="text-xl font-semibold">
          {t.sessionsTitle}
        </h2>
        <p className="text-ink-600">{t.sessionsIntro}</p>
        <form action={signOutEverywhereAction}>
          <SubmitButton label={t.signOutEverywhere} pendingLabel={t.signingOut} testId="sign-out-everywhere" />
        </form>
      </section>
    </div>
  );
}
