import { RecipientActions } from "@/app/(sender)/sent/[messageId]/recipient-actions";
import { TimelineStepItem } from "@/app/(sender)/sent/[messageId]/timeline-step-item";
import { StateChip } from "@/app/(sender)/sent/state-chip";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { MIN_PASSPHRASE_LENGTH } from "@/lib/portal/passphrase/passphrase-policy";
import { buildRecipientTimeline } from "@/lib/portal/sender/build-recipient-timeline";
import { MAX_EXPIRY_MS } from "@/lib/portal/sender/change-recipient-expiry";
import type { TimelineRecipient } from "@/lib/portal/sender/read-message-timeline";
import { recipientState } from "@/lib/portal/sender/recipient-state";

const day = (date: Date) => date.toISOString().slice(0, 10);

type Props = { messageId: string; messageCreatedAt: Date; recipient: TimelineRecipient; locale: Locale; now: Date; showActions: boolean };

/** One recipient: where they stand, every step so far, and (for the sender) what can still be changed. */
export function RecipientTimeline({ messageId, messageCreatedAt, recipient, locale, now, showActions }: Props) {
  const messages = getMessages(locale);
  const t = messages.sent;
  const state = recipientState(recipient, now);
  const steps = buildRecipientTimeline(messageCreatedAt, recipient, now);
  const inPortal = recipient.status === "escrowed" && !recipient.revokedAt;
  const accessOpen = inPortal && !(recipient.expiresAt && recipient.expiresAt <= now);
  const headingId = `recipient-${recipient.id}`;
  return (
    <section aria-labelledby={headingId} data-testid="recipient" data-recipient-id={recipient.id} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold wrap-anywhere">
          {recipient.address}
        </h2>
        <StateChip state={state} label={t.states[state]} />
      </div>
      {inPortal && (
        <ul className="space-y-1 text-sm text-ink-600">
          {recipient.expiresAt && <li data-testid="access-until">{t.timeline.accessUntil(formatDateTime(recipient.expiresAt, locale))}</li>}
          {recipient.passphraseRequired && <li>{t.timeline.passphraseRequired}</li>}
        </ul>
      )}
      <ol className="border-l border-slate-200 pl-0" data-testid="timeline">
        {steps.map((step, index) => (
          <TimelineStepItem key={`${step.kind}-${index}`} step={step} locale={locale} />
        ))}
      </ol>
      {showActions && inPortal && (
        <RecipientActions
          messageId={messageId}
          recipientId={recipient.id}
          canResend={accessOpen}
          canSetPassphrase
          expiry={{
            value: day(recipient.expiresAt ?? now),
            min: day(now),
            max: day(new Date(now.getTime() + MAX_EXPIRY_MS)),
          }}
          labels={{
            heading: t.actions.heading,
            resend: t.actions.resend,
            resending: t.actions.resending,
            resendHint: t.actions.resendHint,
            revoke: t.actions.revoke,
            revoking: t.actions.revoking,
            revokeHint: t.actions.revokeHint,
            revokeConfirm: t.actions.revokeConfirm,
            expiry: t.actions.expiry,
            expirySubmit: t.actions.expirySubmit,
            expiryPending: t.actions.expiryPending,
            passphrase: t.actions.passphrase,
            passphraseHint: t.actions.passphraseHint(MIN_PASSPHRASE_LENGTH),
            passphraseSubmit: t.actions.passphraseSubmit,
            passphrasePending: t.actions.passphrasePending,
          }}
        />
      )}
    </section>
  );
}
