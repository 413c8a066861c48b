import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PasskeySignInButton } from "@/app/(auth)/signin/passkey-sign-in-button";
import { SignInForm } from "@/app/(auth)/signin/sign-in-form";
import type { SearchParams } from "@/app/_components/page-props";
import { ADDRESS_PROOF_COOKIE } from "@/lib/auth/access-cookies";
import { readAddressProof } from "@/lib/auth/read-address-proof";
import { getCurrentActor } from "@/lib/auth/require-role";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).signIn.title };
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const m = getMessages(await getRequestLocale());
  const t = m.signIn;
  const a = m.access.signIn;
  const p = m.passkeys;
  const params = await searchParams;
  // Arriving from a portal link: the email is the one the link proved, and the message is where to go next.
  const proof = await readAddressProof((await cookies()).get(ADDRESS_PROOF_COOKIE)?.value);
  const callbackUrl = toLocalPath(params.callbackUrl ?? (proof ? `/inbox/${proof.recipientId}` : "/"));
  if (await getCurrentActor()) redirect(callbackUrl);
  const notice = params.setup === "done" ? t.setupDone : params.signedout === "everywhere" ? a.signedOutEverywhere : null;
  return (
    <section className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">{proof ? a.forMessage : t.title}</h1>
      {proof && (
        <p data-testid="sign-in-for-message" className="text-ink-600">
          {a.forMessageBody(proof.email)}
        </p>
      )}
      {notice && (
        <p data-testid={params.setup === "done" ? "setup-done" : "sign-in-notice"} className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {notice}
        </p>
      )}
      <SignInForm
        callbackUrl={callbackUrl}
        email={proof?.email ?? ""}
        t={{ email: t.email, password: t.password, submit: t.submit, submitting: t.submitting, failed: t.failed, invalid: t.invalid }}
        throttledTexts={THROTTLE_MINUTES.map((minutes) => a.throttled(minutes * 60_000))}
      />
      <PasskeySignInButton
        callbackUrl={callbackUrl}
        t={{ signInWith: p.signInWith, signingIn: p.signingIn, signInOr: p.signInOr, signInFailed: p.signInFailed, signInCancelled: p.signInCancelled, unsupported: p.unsupported }}
      />
      <p className="text-sm">
        <Link href="/reset-password" data-testid="forgot-password">
          {a.forgot}
        </Link>
      </p>
    </section>
  );
}

// The throttle message for each possible wait (whole minutes, up to the longest window), rendered here because
// catalogue functions cannot cross to the browser.
const THROTTLE_MINUTES = Array.from({ length: 16 }, (_, i) => i + 1);
