import { DetailList, type Detail } from "@/app/_components/detail-list";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getMessages } from "@/lib/i18n/messages";
import type { DeliveryAttemptView } from "@/lib/portal/get-message-status";

/** One connection to one MX address: where, how it was secured, and what went wrong in plain words. */
export function AttemptDetails({ attempt, number }: { attempt: DeliveryAttemptView; number: number }) {
  const t = getMessages().messageStatus;
  const none = getMessages().common.none;
  const optional = (label: string, value: string | null, className?: string): Detail[] =>
    value ? [{ label, value: className ? <span className={className}>{value}</span> : value }] : [];
  const items: Detail[] = [
    { label: t.result, value: attempt.failureClass ? describeFailureClass(attempt.failureClass) : t.attemptDelivered, testId: "attempt-result" },
    { label: t.mx, value: attempt.mxHost ? `${attempt.mxHost}${attempt.port ? `:${attempt.port}` : ""}` : none },
    { label: t.ip, value: attempt.mxIp ?? none },
    // Without TLS there is no cipher or certificate to show; say so once instead of listing empty rows.
    { label: t.tlsVersion, value: attempt.tlsProtocol ?? t.notEncrypted },
    ...optional(t.cipher, attempt.tlsCipher),
    ...optional(t.certSubject, attempt.certSubject),
    ...optional(t.certIssuer, attempt.certIssuer),
    ...optional(t.certFingerprint, attempt.certFingerprint, "font-mono text-xs"),
    ...(attempt.certValidFrom && attempt.certValidTo
      ? [{ label: t.certValidity, value: t.validRange(formatDateTime(attempt.certValidFrom), formatDateTime(attempt.certValidTo)) }]
      : []),
    { label: t.duration, value: t.durationMs(attempt.durationMs) },
    ...optional(t.serverSaid, attempt.failureDetail),
  ];
  const failed = attempt.outcome !== "delivered";
  return (
    <div
      data-testid="attempt"
      data-outcome={attempt.outcome}
      className={`space-y-2 rounded-md border p-3 ${failed ? "border-amber-300 bg-amber-50/50" : "border-emerald-300 bg-emerald-50/50"}`}
    >
      <p className="text-sm font-medium">
        {t.attemptNumber(number)} · <time dateTime={attempt.startedAt.toISOString()}>{formatDateTime(attempt.startedAt)}</time>
      </p>
      <DetailList items={items} />
    </div>
  );
}
