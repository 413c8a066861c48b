import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { passwordErrorTexts, passwordFieldTexts } from "@/app/(auth)/_components/password-texts";
import { RegisterForm } from "@/app/(auth)/register/register-form";
import { Notice } from "@/app/_components/notice";
import { ADDRESS_PROOF_COOKIE } from "@/lib/auth/access-cookies";
import { readAddressProof } from "@/lib/auth/read-address-proof";
import { getDb } from "@/lib/db";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { FormCard } from "@/app/_components/form-card";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).access.register.pageTitle };
}

/** Registration is only reachable through a portal link: the address comes from the link's proof cookie. */
export default async function RegisterPage() {
  const m = getMessages(await getRequestLocale());
  const t = m.access.register;
  const proof = await readAddressProof((await cookies()).get(ADDRESS_PROOF_COOKIE)?.value);
  if (!proof) {
    return (
      <Notice title={t.noProofTitle} testId="register-no-proof">
        <p>{t.noProofBody}</p>
      </Notice>
    );
  }
  if ((await getDb().user.count({ where: { email: proof.email } })) > 0) {
    return (
      <Notice title={t.title} testId="register-account-exists">
        <p>{t.accountExists}</p>
        <p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/inbox/${proof.recipientId}`)}`}>{m.access.linkStates.signInLink}</Link>
        </p>
      </Notice>
    );
  }
  return (
    <FormCard title={t.title} intro={t.intro(proof.email)}>
      <RegisterForm
        email={proof.email}
        t={{
          email: t.email,
          name: t.name,
          nameHint: t.nameHint,
          submit: t.submit,
          submitting: t.submitting,
          accountExists: t.accountExists,
          invalidProof: t.noProofBody,
          signIn: m.access.linkStates.signInLink,
          signInHref: `/signin?callbackUrl=${encodeURIComponent(`/inbox/${proof.recipientId}`)}`,
          fields: passwordFieldTexts(m, { password: t.password, confirm: t.confirm }),
          errors: passwordErrorTexts(m),
        }}
      />
    </FormCard>
  );
}
