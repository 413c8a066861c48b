import type { Metadata } from "next";
import Link from "next/link";
import { confirmTotpSetupAction, disableTotpAction, startTotpSetupAction } from "@/app/(recipient)/account/mfa/actions";
import { TotpCodeForm } from "@/app/(recipient)/account/mfa/totp-code-form";
import type { SearchParams } from "@/app/_components/page-props";
import { SubmitButton } from "@/app/_components/submit-button";
import { MFA_SETUP_PATH, requireStaffForMfaSetup } from "@/lib/auth/require-role";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { formatTotpSecret } from "@/lib/auth/totp/format-totp-secret";
import { getTotpStatus } from "@/lib/auth/totp/get-totp-status";
import { actorNeedsMfaSetup } from "@/lib/auth/totp/needs-mfa-setup";
import { renderTotpQr } from "@/lib/auth/totp/render-totp-qr";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { getOrgSettings } from "@/lib/settings/org-settings";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).mfa.setup.pageTitle };
}

const SECTION = "space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm";

/**
 * A staff member's authenticator app: set it up (QR code or typed key, then a first code), or turn it off with
 * a current code. Reachable while the organisation's requirement blocks every other page (`next` is where the
 * person was going).
 */
export default async function MfaSetupPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffForMfaSetup(MFA_SETUP_PATH);
  const locale = await getRequestLocale();
  const t = getMessages(locale).mfa.setup;
  const params = await searchParams;
  const next = typeof params.next === "string" ? toLocalPath(params.next) : null;
  const [status, required, { requireStaffMfa }] = await Promise.all([getTotpStatus(actor), actorNeedsMfaSetup(actor), getOrgSettings()]);
  const codeTexts = {
    code: t.code,
    errors: { "wrong-code": t.wrongCode, "no-setup": t.noSetup, replayed: getMessages(locale).mfa.verify.replayed },
    throttled: Array.from({ length: 15 }, (_, i) => t.disableThrottled((i + 1) * 60_000)),
  };
  const notice = params.done === "on" && status.state === "on" ? t.enabled : params.done === "off" && status.state !== "on" ? t.disabled : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </div>
      {required && (
        <p data-testid="mfa-required" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {t.required}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="mfa-notice" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {notice}
        </p>
      )}
      {status.state === "on" && (
        <section aria-labelledby="mfa-disable-heading" className={SECTION}>
          <p data-testid="mfa-state" data-state="on" className="font-medium">
            {t.onSince(formatDateTime(status.enabledAt, locale))}
          </p>
          <h2 id="mfa-disable-heading" className="text-xl font-semibold">
            {t.disableTitle}
          </h2>
          <p className="text-ink-600">{t.disableIntro}</p>
          {requireStaffMfa && <p className="text-ink-600">{t.disableRequired}</p>}
          <TotpCodeForm action={disableTotpAction} next={null} testId="mfa-disable" t={{ ...codeTexts, submit: t.disable, submitting: t.disabling }} />
        </section>
      )}
      {status.state === "pending" && (
        <>
          <section aria-labelledby="mfa-scan-heading" className={SECTION}>
            <h2 id="mfa-scan-heading" className="text-xl font-semibold">
              {t.scanTitle}
            </h2>
            <p className="text-ink-600">{t.scanIntro}</p>
            <img src={await renderTotpQr(status.uri)} alt={t.qrAlt} width={220} height={220} className="h-56 w-56 rounded-md border border-slate-200 bg-white" />
            <div className="space-y-1">
              <p className="text-ink-600">{t.manualLabel}</p>
              <p>
                <code data-testid="totp-secret" className="inline-block rounded bg-slate-100 px-2 py-1 font-mono text-lg tracking-wider wrap-anywhere text-ink-900">
                  {formatTotpSecret(status.secret)}
                </code>
              </p>
            </div>
            <p>
              <a href={status.uri} className="font-medium text-brand-700 underline hover:text-brand-800">
                {t.openInApp}
              </a>
            </p>
          </section>
          <section aria-labelledby="mfa-confirm-heading" className={SECTION}>
            <h2 id="mfa-confirm-heading" className="text-xl font-semibold">
              {t.confirmTitle}
            </h2>
            <p className="text-ink-600">{t.confirmIntro}</p>
            <TotpCodeForm action={confirmTotpSetupAction} next={next} testId="mfa-confirm" t={{ ...codeTexts, submit: t.confirm, submitting: t.confirming }} />
          </section>
        </>
      )}
      {status.state !== "on" && (
        <form action={startTotpSetupAction} className={status.state === "off" ? SECTION : ""}>
          {status.state === "off" && (
            <p data-testid="mfa-state" data-state="off" className="mb-4 font-medium">
              {t.off}
            </p>
          )}
          {next && <input type="hidden" name="next" value={next} />}
          {status.state === "off" ? (
            <SubmitButton label={t.start} pendingLabel={t.starting} testId="mfa-start" />
          ) : (
            <button type="submit" data-testid="mfa-start-over" className="text-base font-medium text-brand-700 underline hover:text-brand-800">
              {t.startOver}
            </button>
          )}
        </form>
      )}
      {!required && (
        <p>
          <Link href="/account">{t.back}</Link>
        </p>
      )}
    </div>
  );
}
