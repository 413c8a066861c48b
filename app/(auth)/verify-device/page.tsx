import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { VerifyDeviceForm } from "@/app/(auth)/verify-device/verify-device-form";
import { Notice } from "@/app/_components/notice";
import type { SearchParams } from "@/app/_components/page-props";
import { PENDING_SIGN_IN_COOKIE } from "@/lib/auth/access-cookies";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { pendingSignInUser } from "@/lib/auth/verify-device-code";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { FormCard } from "@/app/_components/form-card";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).access.verifyDevice.pageTitle };
}

export default async function VerifyDevicePage({ searchParams }: { searchParams: SearchParams }) {
  const m = getMessages(await getRequestLocale());
  const t = m.access.verifyDevice;
  const callbackUrl = toLocalPath((await searchParams).callbackUrl);
  if (!pendingSignInUser((await cookies()).get(PENDING_SIGN_IN_COOKIE)?.value)) {
    return (
      <Notice title={t.title} testId="verify-device-expired">
        <p>{t.expired}</p>
        <p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{m.access.linkStates.signInLink}</Link>
        </p>
      </Notice>
    );
  }
  return (
    <FormCard title={t.title} intro={t.intro}>
      <VerifyDeviceForm
        callbackUrl={callbackUrl}
        t={{
          code: t.code,
          codeHint: t.codeHint,
          submit: t.submit,
          submitting: t.submitting,
          wrong: [1, 2, 3, 4, 5].map((left) => t.wrong(left)),
          locked: t.locked,
          noCode: t.noCode,
          expired: t.expired,
          resend: t.resend,
          resending: t.resending,
          resent: t.resent,
          resendThrottled: Array.from({ length: 60 }, (_, i) => t.resendThrottled((i + 1) * 60_000)),
          remembered: t.remembered,
          signIn: m.access.linkStates.signInLink,
        }}
      />
    </FormCard>
  );
}
