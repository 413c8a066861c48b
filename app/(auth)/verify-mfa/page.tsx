import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { VerifyMfaForm } from "@/app/(auth)/verify-mfa/verify-mfa-form";
import { FormCard } from "@/app/_components/form-card";
import { Notice } from "@/app/_components/notice";
import type { SearchParams } from "@/app/_components/page-props";
import { PENDING_MFA_COOKIE } from "@/lib/auth/access-cookies";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { readPendingMfa } from "@/lib/auth/totp/pending-mfa";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).mfa.verify.pageTitle };
}

/** The second step of a staff sign-in with TOTP on: the password (and browser) passed, the app's code is next. */
export default async function VerifyMfaPage({ searchParams }: { searchParams: SearchParams }) {
  const t = getMessages(await getRequestLocale()).mfa.verify;
  const callbackUrl = toLocalPath((await searchParams).callbackUrl);
  const signInAgain = `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  if (!readPendingMfa((await cookies()).get(PENDING_MFA_COOKIE)?.value)) {
    return (
      <Notice title={t.title} testId="verify-mfa-expired">
        <p>{t.expired}</p>
        <p>
          <Link href={signInAgain}>{t.signInAgain}</Link>
        </p>
      </Notice>
    );
  }
  return (
    <FormCard title={t.title} intro={t.intro}>
      <VerifyMfaForm
        callbackUrl={callbackUrl}
        t={{
          code: t.code,
          codeHint: t.codeHint,
          submit: t.submit,
          submitting: t.submitting,
          wrongCode: t.wrongCode,
          replayed: t.replayed,
          throttled: Array.from({ length: 15 }, (_, i) => t.throttled((i + 1) * 60_000)),
          expired: t.expired,
          signInAgain: t.signInAgain,
        }}
      />
      <p className="text-sm text-ink-600">{t.lostDevice}</p>
    </FormCard>
  );
}
