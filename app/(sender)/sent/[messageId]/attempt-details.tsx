import { DetailList, type Detail } from "@/app/_components/detail-list";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import type { TimelineAttempt } from "@/lib/portal/sender/read-message-timeline";

/** Where one connection went, how it was secured, and (folded away) the certificate and the server's words. */
export function AttemptDetails({ attempt, locale }: { attempt: TimelineAttempt; locale: Locale }) {
  const messages = getMessages(locale);
  const t = messages.messageStatus;
  const none = messages.common.none;
  const optional = (label: string, value: string | null, className?: string): Detail[] =>
    value ? [{ label, value: className ? <span className={className}>{value}</span> : value }] : [];
  const connection: Detail[] = [
    { label: t.mx, value: attempt.mxHost ? `${attempt.mxHost}${attempt.port ? `:${attempt.port}` : ""}` : none, testId: "attempt-mx" },
    { label: t.ip, value: attempt.mxIp ?? none },
    // Without TLS there is no cipher or certificate to show; say so once instead of listing empty rows.
    { label: t.tlsVersion, value: attempt.tlsProtocol ?? t.notEncrypted, testId: "attempt-tls" },
    ...optional(t.cipher, attempt.tlsCipher),
    { label: t.duration, value: t.durationMs(attempt.durationMs) },
    ...optional(t.serverSaid, attempt.failureDetail),
  ];
  const certificate: Detail[] = [
    ...optional(t.certSubject, attempt.certSubject),
    ...optional(t.certIssuer, attempt.certIssuer),
    ...optional(t.certFingerprint, attempt.certFingerprint, "font-mono text-xs"),
    ...(attempt.certValidFrom && attempt.certValidTo
      ? [{ label: t.certValidity, value: t.validRange(formatDateTime(attempt.certValidFrom, locale), formatDateTime(attempt.certValidTo, locale)) }]
      : []),
  ];
  const s = messages.sent.timeline;
  return (
    <div className="mt-2 space-y-2">
      <details className="rounded-md border border-slate-200 bg-white px-3 py-2">
        <summary className="cursor-pointer text-sm font-medium">{s.attemptDetails}</summary>
        <div className="mt-2">
          <DetailList items={connection} />
        </div>
      </details>
      {certificate.length > 0 && (
        <details className="rounded-md border border-slate-200 bg-white px-3 py-2" data-testid="certificate-details">
          <summary className="cursor-pointer text-sm font-medium">{s.certificateDetails}</summary>
          <div className="mt-2">
            <DetailList items={certificate} />
          </div>
        </details>
      )}
    </div>
  );
}
