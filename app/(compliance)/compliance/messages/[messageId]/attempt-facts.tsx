import { DetailList, type Detail } from "@/app/_components/detail-list";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import type { TimelineAttempt } from "@/lib/portal/sender/read-message-timeline";

/**
 * Everything recorded about one delivery connection, unfolded: a reviewer reads these facts to answer "how did it
 * travel?" (where the sender's page folds them away).
 */
export function AttemptFacts({ attempt, locale }: { attempt: TimelineAttempt; locale: Locale }) {
  const messages = getMessages(locale);
  const t = messages.messageStatus;
  const s = messages.compliance.story;
  const optional = (label: string, value: string | null, testId?: string, className?: string): Detail[] =>
    value ? [{ label, value: className ? <span className={className}>{value}</span> : value, testId }] : [];
  const items: Detail[] = [
    { label: t.mx, value: attempt.mxHost ? `${attempt.mxHost}${attempt.port ? `:${attempt.port}` : ""}` : messages.common.none, testId: "attempt-mx" },
    { label: t.ip, value: attempt.mxIp ?? messages.common.none, testId: "attempt-ip" },
    { label: t.tlsVersion, value: attempt.tlsProtocol ?? t.notEncrypted, testId: "attempt-tls" },
    ...optional(t.cipher, attempt.tlsCipher, "attempt-cipher"),
    ...optional(t.certSubject, attempt.certSubject, "attempt-cert-subject"),
    ...optional(t.certIssuer, attempt.certIssuer, "attempt-cert-issuer"),
    ...optional(t.certFingerprint, attempt.certFingerprint, "attempt-cert-fingerprint", "font-mono text-xs"),
    ...(attempt.certValidFrom && attempt.certValidTo
      ? [{ label: t.certValidity, value: t.validRange(formatDateTime(attempt.certValidFrom, locale), formatDateTime(attempt.certValidTo, locale)), testId: "attempt-cert-validity" }]
      : []),
    ...(attempt.failureClass ? [{ label: s.facts.reason, value: describeFailureClass(attempt.failureClass, locale), testId: "attempt-failure" }] : []),
    ...optional(t.serverSaid, attempt.failureDetail),
    { label: t.duration, value: t.durationMs(attempt.durationMs) },
  ];
  return (
    <div className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
      <DetailList items={items} />
    </div>
  );
}
