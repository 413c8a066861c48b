import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditEventList } from "@/app/(compliance)/compliance/_components/audit-event-list";
import { BreakGlassSection } from "@/app/(compliance)/compliance/messages/[messageId]/break-glass-section";
import { RecipientStory } from "@/app/(compliance)/compliance/messages/[messageId]/recipient-story";
import { RetentionPanel } from "@/app/(compliance)/compliance/messages/[messageId]/retention-panel";
import { DetailList, type Detail } from "@/app/_components/detail-list";
import type { RouteParams } from "@/app/_components/page-props";
import { requireRole } from "@/lib/auth/require-role";
import { MAX_STORY_EVENTS, readMessageStory } from "@/lib/compliance/read-message-story";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  // The title names the page, never the message.
  return { title: getMessages(await getRequestLocale()).compliance.story.pageTitle };
}

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

const storyLink = (id: string) => (
  <Link href={`/compliance/messages/${id}`} className="font-mono text-xs">
    {id}
  </Link>
);

export default async function MessageStoryPage({ params }: { params: RouteParams<"messageId"> }) {
  const { messageId } = await params;
  const valid = MESSAGE_ID.test(messageId);
  const actor = await requireRole(["admin", "compliance"], valid ? `/compliance/messages/${messageId}` : "/compliance");
  if (!valid) notFound();
  const story = await readMessageStory(actor, messageId);
  if (!story) notFound();
  const locale = await getRequestLocale();
  const messages = getMessages(locale);
  const s = messages.compliance.story;
  const { message } = story;
  const time = (date: Date) => <time dateTime={date.toISOString()}>{formatDateTime(date, locale)}</time>;
  const details: Detail[] = [
    { label: s.messageId, value: <span className="font-mono">{message.id}</span>, testId: "story-message-id" },
    { label: s.from, value: message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress, testId: "story-from" },
    { label: s.envelopeFrom, value: message.envelopeFrom || messages.common.none },
    ...(message.senderEmail ? [{ label: s.senderAccount, value: message.senderEmail }] : []),
    { label: s.sentAt, value: time(message.createdAt) },
    { label: s.size, value: s.sizeValue(message.sizeBytes) },
    { label: s.source, value: s.sources[message.source] ?? message.source },
    ...(message.forceEscrow ? [{ label: s.portalRequested, value: s.yes }] : []),
    ...(message.inReplyToId ? [{ label: s.inReplyTo, value: storyLink(message.inReplyToId) }] : []),
    ...(story.thread.length > 0
      ? [{
          label: s.thread,
          value: (
            <span>
              {s.threadCount(story.thread.length)}
              <span className="block space-y-0.5">
                {story.thread.map((other) => (
                  <span key={other.id} className="block">
                    {storyLink(other.id)} <span className="text-ink-600">· {formatDateTime(other.createdAt, locale)} · {other.fromAddress}</span>
                  </span>
                ))}
              </span>
            </span>
          ),
        }]
      : []),
    ...(message.shreddedAt ? [{ label: s.shreddedAt, value: time(message.shreddedAt), testId: "story-shredded" }] : []),
  ];
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/compliance">{s.back}</Link>
        </p>
        <h1 className="text-2xl font-semibold">{s.title}</h1>
        <DetailList items={details} />
        <p className="rounded-md border border-slate-200 bg-slate-100 p-3 text-sm text-ink-600">{s.sealedNote}</p>
      </header>
      <section aria-labelledby="retention-heading" className="space-y-3">
        <h2 id="retention-heading" className="text-lg font-semibold">
          {s.retentionHeading}
        </h2>
        <RetentionPanel messageId={message.id} />
      </section>
      <BreakGlassSection actor={actor} messageId={message.id} shredded={message.shreddedAt !== null} locale={locale} />
      <section aria-labelledby="recipients-heading" className="space-y-4">
        <h2 id="recipients-heading" className="text-lg font-semibold">
          {s.recipientsHeading}
        </h2>
        {story.recipients.length === 0 && <p className="text-ink-600">{s.noRecipients}</p>}
        {story.recipients.map(({ recipient, steps }) => (
          <RecipientStory key={recipient.id} recipient={recipient} steps={steps} locale={locale} />
        ))}
      </section>
      <section aria-labelledby="message-events-heading" className="space-y-3">
        <h2 id="message-events-heading" className="text-lg font-semibold">
          {s.messageEventsHeading}
        </h2>
        {story.messageEvents.length === 0 ? <p className="text-ink-600">{s.noMessageEvents}</p> : <AuditEventList events={story.messageEvents} locale={locale} linkMessages={false} />}
      </section>
      <section aria-labelledby="events-heading" className="space-y-3" data-testid="story-events">
        <h2 id="events-heading" className="text-lg font-semibold">
          {s.eventsHeading}
        </h2>
        {story.eventsTruncated && <p className="text-sm text-ink-600">{s.eventsTruncated(MAX_STORY_EVENTS)}</p>}
        <AuditEventList events={story.events} locale={locale} linkMessages={false} />
      </section>
    </article>
  );
}
