import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { PassphraseForm } from "@/app/(recipient)/inbox/[recipientId]/passphrase/passphrase-form";
import type { RouteParams } from "@/app/_components/page-props";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireUser } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { RecipientAccessBlockedError, requireRecipientAccess, type RecipientAccess } from "@/lib/portal/require-message-access";

export const dynamic = "force-dynamic";

// Generic title: nothing about the message or its sender in titles.
export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).passphrase.pageTitle };
}

/** The gate before a message whose sender asked for a passphrase; only its recipient gets here. */
export default async function PassphrasePage({ params }: { params: RouteParams<"recipientId"> }) {
  const { recipientId } = await params;
  const readPath = `/inbox/${recipientId}`;
  const actor = await requireUser(`${readPath}/passphrase`);
  const locale = await getRequestLocale();
  const t = getMessages(locale).passphrase;
  let access: RecipientAccess | null = null;
  try {
    access = await requireRecipientAccess(actor, recipientId, { sourceIp: getClientIp(await headers()), allowPassphrasePending: true });
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    if (!(error instanceof RecipientAccessBlockedError)) throw error;
  }
  // Revoked or expired: the read page says so. No passphrase (any more), or already entered: read on.
  if (!access || !access.recipient.passphraseRequired || access.recipient.passphraseVerifiedAt) redirect(readPath);

  const { recipient, message } = access;
  const lockedUntil = recipient.passphraseLockedUntil && recipient.passphraseLockedUntil > new Date() ? recipient.passphraseLockedUntil : null;
  return (
    <section data-testid="passphrase-page" className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <div className="space-y-3 text-ink-600">
        <p>{t.intro(message.fromName || message.fromAddress)}</p>
        <p>{t.noPassphrase}</p>
      </div>
      <PassphraseForm
        recipientId={recipient.id}
        t={{ label: t.label, submit: t.submit, submitting: t.submitting }}
        initialError={lockedUntil ? t.locked(formatDateTime(lockedUntil, locale)) : null}
      />
    </section>
  );
}
