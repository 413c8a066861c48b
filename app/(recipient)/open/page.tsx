import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signOutAndContinueAction } from "@/app/(auth)/actions";
import { Notice } from "@/app/_components/notice";
import { SubmitButton } from "@/app/_components/submit-button";
import { ADDRESS_PROOF_COOKIE } from "@/lib/auth/access-cookies";
import { readAddressProof } from "@/lib/auth/read-address-proof";
import { getCurrentActor } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).access.open.pageTitle };
}

/**
 * Where "Open the message" continues when the next step is not obvious: signed in with another account than the
 * one the message was sent to ("wrong account"), or back here after signing out of it. Reads only.
 */
export default async function OpenContinuePage() {
  const t = getMessages(await getRequestLocale()).access.open;
  const proof = await readAddressProof((await cookies()).get(ADDRESS_PROOF_COOKIE)?.value);
  if (!proof) {
    return (
      <Notice title={t.noProofTitle} testId="open-no-proof">
        <p>{t.noProofBody}</p>
      </Notice>
    );
  }
  const actor = await getCurrentActor();
  if (actor?.email === proof.email) redirect(`/inbox/${proof.recipientId}`);
  if (!actor) {
    const hasAccount = (await getDb().user.count({ where: { email: proof.email } })) > 0;
    redirect(hasAccount ? `/signin?callbackUrl=${encodeURIComponent(`/inbox/${proof.recipientId}`)}` : "/register");
  }
  return (
    <Notice title={t.wrongAccountTitle} testId="open-wrong-account">
      <p>{t.wrongAccountBody(actor.email, proof.email)}</p>
      <form action={signOutAndContinueAction}>
        <SubmitButton label={t.signOutAndContinue} pendingLabel={t.signOutAndContinue} testId="sign-out-and-continue" />
      </form>
    </Notice>
  );
}
