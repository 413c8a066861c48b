import { headers } from "next/headers";
import Link from "next/link";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { listThreadMessages, type ThreadMessage } from "@/lib/portal/compose/list-thread-messages";

/**
 * The conversation a message belongs to, as the signed-in person may see it (their own messages and those sent
 * to them), oldest first. Renders nothing for a conversation of one. Drop it into a page that has already gated
 * the message: `<ThreadList actor={actor} messageId={message.id} />`.
 */
export async function ThreadList({ actor, messageId }: { actor: Actor; messageId: string }) {
  let messages: ThreadMessage[];
  try {
    messages = await listThreadMessages(actor, messageId, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof AccessDeniedError) return null;
    throw error;
  }
  if (messages.length < 2) return null;
  const locale = await getRequestLocale();
  const t = getMessages(locale).compose.thread;
  return (
    <section aria-labelledby="thread-heading" data-testid="thread-list" className="space-y-3">
      <h2 id="thread-heading" className="text-lg font-semibold">
        {t.title} <span className="text-base font-normal text-ink-600">({t.count(messages.length)})</span>
      </h2>
      <ol className="space-y-3">
        {messages.map((message) => (
          <li
            key={message.messageId}
            data-testid="thread-message"
            data-direction={message.direction}
            aria-current={message.isCurrent ? "true" : undefined}
            className={`space-y-2 rounded-lg border bg-white p-4 ${message.isCurrent ? "border-brand-600" : "border-slate-200"}`}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
              <span className="font-medium wrap-anywhere">
                {message.direction === "outgoing" ? t.fromYou : `${t.toYou}: ${message.fromName || message.fromAddress}`}
              </span>
              <time dateTime={message.createdAt.toISOString()} className="text-ink-600">
                {formatDateTime(message.createdAt, locale)}
              </time>
            </div>
            {message.subject === null ? (
              <p className="text-ink-600">{t.deleted}</p>
            ) : (
              <>
                <p className="font-semibold wrap-anywhere">{message.subject || t.noSubject}</p>
                {message.isCurrent ? (
                  <p className="text-sm text-ink-600">{t.current}</p>
                ) : (
                  <>
                    {message.recipientId && (
                      <p className="text-sm">
                        <Link href={`/inbox/${message.recipientId}`}>{t.open}</Link>
                      </p>
                    )}
                    {message.text && (
                      <details className="text-sm">
                        <summary className="cursor-pointer font-medium">{t.showText}</summary>
                        <div className="mt-2 whitespace-pre-wrap wrap-anywhere">{message.text}</div>
                      </details>
                    )}
                  </>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
