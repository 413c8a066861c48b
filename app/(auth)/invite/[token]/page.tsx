import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/app/(auth)/invite/[token]/accept-invitation-form";
import { Notice } from "@/app/_components/notice";
import type { RouteParams } from "@/app/_components/page-props";
import { getInvitation } from "@/lib/admin/get-invitation";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { FormCard } from "@/app/_components/form-card";

// The token is a credential: never cache this page. A GET only looks the token up; it consumes nothing.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).users.accept.pageTitle };
}

export default async function AcceptInvitationPage({ params }: { params: RouteParams<"token"> }) {
  const { token } = await params;
  const t = getMessages(await getRequestLocale()).users;
  const invitation = await getInvitation(token);
  if (invitation.state !== "valid") {
    return (
      <Notice title={t.accept.invalidTitle} testId="invite-invalid">
        <p>{t.accept.invalidBody}</p>
      </Notice>
    );
  }
  return (
    <FormCard title={t.accept.title} intro={t.accept.intro(invitation.email)}>
      <AcceptInvitationForm
        token={token}
        defaultName={invitation.name}
        labels={{
          name: t.accept.name,
          password: t.accept.password,
          passwordHint: t.accept.passwordHint(MIN_PASSWORD_LENGTH),
          confirm: t.accept.confirm,
          submit: t.accept.submit,
          submitting: t.accept.submitting,
          invalidTitle: t.accept.invalidTitle,
          invalidBody: t.accept.invalidBody,
          errors: { ...t.errors, passwordTooShort: t.errors.passwordTooShort(MIN_PASSWORD_LENGTH) },
        }}
      />
    </FormCard>
  );
}
