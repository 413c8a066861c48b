import type { Metadata } from "next";
import Link from "next/link";
import { passwordErrorTexts, passwordFieldTexts } from "@/app/(auth)/_components/password-texts";
import { NewPasswordForm } from "@/app/(auth)/reset-password/[token]/new-password-form";
import { Notice } from "@/app/_components/notice";
import type { RouteParams } from "@/app/_components/page-props";
import { getPasswordReset } from "@/lib/auth/get-password-reset";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { FormCard } from "@/app/_components/form-card";

// The token is a credential: never cache. Showing the form does not use the link up; saving does.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).access.reset.newTitle };
}

export default async function NewPasswordPage({ params }: { params: RouteParams<"token"> }) {
  const { token } = await params;
  const m = getMessages(await getRequestLocale());
  const t = m.access.reset;
  const reset = await getPasswordReset(token);
  if (!reset) {
    return (
      <Notice title={t.invalidTitle} testId="reset-invalid">
        <p>{t.invalidBody}</p>
        <p>
          <Link href="/reset-password">{t.askAgain}</Link>
        </p>
      </Notice>
    );
  }
  return (
    <FormCard title={t.newTitle} intro={t.newIntro(reset.email)}>
      <NewPasswordForm
        token={token}
        email={reset.email}
        t={{
          save: t.save,
          saving: t.saving,
          invalidBody: t.invalidBody,
          askAgain: t.askAgain,
          fields: passwordFieldTexts(m, { password: t.newPassword, confirm: t.confirm }),
          errors: passwordErrorTexts(m),
        }}
      />
    </FormCard>
  );
}
