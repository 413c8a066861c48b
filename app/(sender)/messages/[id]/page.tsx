import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AttemptDetails } from "@/app/(sender)/messages/[id]/attempt-details";
import { DetailList } from "@/app/_components/detail-list";
import type { RouteParams } from "@/app/_components/page-props";
import { StatusBadge } from "@/app/_components/status-badge";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { getMessageStatus } from "@/lib/portal/get-message-status";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: getMessages().messageStatus.title };

export default async function MessageStatusPage({ params }: { params: RouteParams<"id"> }) {
  const { id } = await params;
  const actor = await requireRole(["admin", "sender"], `/messages/${id}`);
  const message = await getMessageStatus(actor, id, { sourceIp: getClientIp(await headers()) });
  if (!message) notFound();
  const t = getMessages().messageStatus;
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <DetailList
          items={[
            { label: t.messageId, value: <span className="font-mono">{message.id}</span>, testId: "message-id" },
            { label: t.from, value: message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress },
            { label: t.received, value: <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt)}</time> },
          ]}
        />
      </header>
      <section aria-labelledby="recipients-heading" className="space-y-4">
        <h2 id="recipients-heading" className="text-lg font-semibold">
          {t.recipients}
        </h2>
        {message.recipients.map((recipient) => (
          <section key={recipient.id} aria-label={recipient.address} data-testid="recipient" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold wrap-anywhere">{recipient.address}</h3>
              <StatusBadge status={recipient.status} />
            </div>
            <ul className="space-y-1 text-sm text-ink-600">
              {recipient.outcomeClass && <li>{describeFailureClass(recipient.outcomeClass)}</li>}
              {recipient.tlsProtocol && <li>{`${recipient.tlsProtocol} · ${recipient.tlsCipher ?? ""}`}</li>}
              {recipient.notifiedAt && (
                <li>
                  {t.notifiedAt}: <time dateTime={recipient.notifiedAt.toISOString()}>{formatDateTime(recipient.notifiedAt)}</time>
                </li>
              )}
            </ul>
            <div className="space-y-2">
              <h4 className="font-medium">{t.attempts}</h4>
              {recipient.attempts.length === 0 ? (
                <p className="text-sm text-ink-600">{t.noAttempts}</p>
              ) : (
                <ol className="space-y-3">
                  {recipient.attempts.map((attempt, index) => (
                    <li key={attempt.id}>
                      <AttemptDetails attempt={attempt} number={index + 1} />
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </section>
        ))}
      </section>
    </article>
  );
}
