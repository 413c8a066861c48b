import { AttemptDetails } from "@/app/(sender)/sent/[messageId]/attempt-details";
import { FAILURE_CLASSES, type FailureClass } from "@/lib/delivery/failure-class";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages, type Messages } from "@/lib/i18n/messages";
import type { TimelineStep } from "@/lib/portal/sender/build-recipient-timeline";

function asFailureClass(value: string | null): FailureClass | null {
  return FAILURE_CLASSES.find((known) => known === value) ?? null;
}

function reason(messages: Messages, failureClass: string | null): string {
  const known = asFailureClass(failureClass);
  return known ? messages.failureClass[known] : "";
}

/** The step in plain words, e.g. "mx1.example.com offered no STARTTLS, so the connection could not be encrypted". */
function describeStep(step: TimelineStep, messages: Messages, locale: Locale): string {
  const t = messages.sent.timeline;
  const date = (value: Date | null) => (value ? formatDateTime(value, locale) : messages.common.none);
  switch (step.kind) {
    case "queued":
      return t.queued;
    case "attempt": {
      const host = step.attempt.mxHost ?? t.someone;
      if (step.attempt.outcome === "delivered") {
        const tls = [step.attempt.tlsProtocol, step.attempt.tlsCipher].filter(Boolean).join(" · ") || messages.messageStatus.notEncrypted;
        return t.attemptDelivered(host, tls);
      }
      const failureClass = asFailureClass(step.attempt.failureClass);
      return failureClass ? t.attemptFailed[failureClass](host) : t.attemptFailedOther(host);
    }
    case "delivered":
      return t.delivered([step.tlsProtocol, step.tlsCipher].filter(Boolean).join(" · ") || "TLS");
    case "escrowed":
      return step.failureClass ? t.escrowedBecause(reason(messages, step.failureClass)) : t.escrowed;
    case "bounced":
      return t.bounced(reason(messages, step.failureClass));
    case "dropped":
      return t.dropped(reason(messages, step.failureClass));
    case "notified":
      return t.notified;
    case "notification-failed":
      return t.notificationFailed;
    case "notification-resent":
      return t.notificationResent;
    case "link-fetched":
      return t.linkFetched;
    case "link-opened":
      return t.linkOpened;
    case "passphrase-set":
      return t.passphraseSet;
    case "passphrase-verified":
      return t.passphraseVerified;
    case "opened":
      return step.ip ? t.openedFrom(step.ip) : t.opened;
    case "replied":
      return t.replied;
    case "expiry-changed":
      return t.expiryChanged(date(step.before), date(step.after));
    case "revoked":
      return t.revoked;
    case "expired":
      return t.expired;
  }
}

// Colour only reinforces the words: failures amber, endings grey, good news green.
const TONES: Partial<Record<TimelineStep["kind"], string>> = {
  delivered: "bg-emerald-600",
  opened: "bg-emerald-600",
  replied: "bg-emerald-600",
  bounced: "bg-red-700",
  dropped: "bg-red-700",
  revoked: "bg-red-700",
  expired: "bg-slate-500",
  "notification-failed": "bg-amber-600",
};

export function TimelineStepItem({ step, locale }: { step: TimelineStep; locale: Locale }) {
  const messages = getMessages(locale);
  const failed = step.kind === "attempt" && step.attempt.outcome !== "delivered";
  const tone = failed ? "bg-amber-600" : (TONES[step.kind] ?? "bg-brand-600");
  return (
    <li data-testid="timeline-step" data-kind={step.kind} className="relative pb-4 pl-6 last:pb-0">
      <span aria-hidden="true" className={`absolute top-1.5 left-0 size-3 rounded-full ${tone}`} />
      <p className="text-sm text-ink-600">
        <time dateTime={step.at.toISOString()}>{formatDateTime(step.at, locale)}</time>
      </p>
      <p className="wrap-anywhere" data-testid={step.kind === "attempt" ? "attempt-summary" : undefined}>
        {describeStep(step, messages, locale)}
      </p>
      {step.kind === "attempt" && <AttemptDetails attempt={step.attempt} locale={locale} />}
    </li>
  );
}
