import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { ComposeForm } from "@/app/(recipient)/compose/compose-form";
import { formatMegabytes } from "@/app/(recipient)/compose/describe-compose-error";
import { requireRole } from "@/lib/auth/require-role";
import { getConfig } from "@/lib/config";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";
import { ATTACHMENT_ACCEPT } from "@/lib/portal/compose/attachment-types";
import { MAX_EXPIRY_DAYS } from "@/lib/portal/compose/compose-message";
import { listStaffContacts } from "@/lib/portal/compose/list-staff-contacts";
import { MIN_PASSPHRASE_LENGTH } from "@/lib/portal/passphrase/passphrase-policy";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getRequestMessages()).compose.composePageTitle };
}

/** A new secure message: recipients write to the organisation's senders; senders and admins to anyone. */
export default async function ComposePage() {
  const actor = await requireRole(["recipient", "sender", "admin"], "/compose");
  const t = (await getRequestMessages()).compose;
  const config = getConfig();
  const staff = actor.role !== "recipient";
  const contacts = staff ? [] : await listStaffContacts(actor);
  const maxMb = formatMegabytes(config.SMTP_MAX_MESSAGE_BYTES);
  return (
    <article className="mx-auto max-w-2xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.composeTitle}</h1>
        <p className="text-ink-600">{staff ? t.composeIntroSender : t.composeIntroRecipient(config.ORG_NAME)}</p>
      </header>
      <ComposeForm
        staffOptions={staff}
        contacts={contacts}
        idempotencyKey={randomUUID()}
        maxBytes={config.SMTP_MAX_MESSAGE_BYTES}
        accept={ATTACHMENT_ACCEPT}
        maxExpiryDays={MAX_EXPIRY_DAYS}
        t={{
          to: t.to,
          toHint: staff ? t.toHintSender : t.toHintRecipient,
          contactsLabel: t.contactsLabel,
          subject: t.subject,
          body: t.body,
          bodyHint: t.bodyHint,
          attachments: t.attachments,
          attachmentsHint: t.attachmentsHint(maxMb),
          forceEscrow: t.forceEscrow,
          forceEscrowHint: t.forceEscrowHint,
          passphrase: t.passphrase,
          passphraseHint: t.passphraseHint(MIN_PASSPHRASE_LENGTH),
          expiry: t.expiry,
          expiryHint: t.expiryHint,
          submit: t.submit,
          submitting: t.submitting,
          tooLarge: t.errors["too-large"](maxMb),
        }}
      />
    </article>
  );
}
