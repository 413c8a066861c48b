import Link from "next/link";
import { AttemptFacts } from "@/app/(compliance)/compliance/messages/[messageId]/attempt-facts";
import { DetailList, type Detail } from "@/app/_components/detail-list";
import type { StoryStep } from "@/lib/compliance/build-recipient-story";
import { summarizeAuditData } from "@/lib/compliance/summarize-audit-data";
import type { AuditEventView } from "@/lib/compliance/to-audit-event-views";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

// Data keys shown as their own labelled facts below; the rest goes into the one-line details summary.
const SHOWN_KEYS = new Set(["userAgent", "failureClass", "replyMessageId", "index", "size"]);

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function eventFacts(event: AuditEventView, locale: Locale): Detail[] {
  const messages = getMessages(locale);
  const t = messages.compliance.story.facts;
  const facts: Detail[] = [];
  const who = event.actorEmail ?? (event.actorType === "user" ? event.actorId : null);
  if (who) facts.push({ label: t.by, value: who });
  if (event.sourceIp) facts.push({ label: t.ip, value: <span className="font-mono">{event.sourceIp}</span>, testId: "step-ip" });
  const userAgent = text(event.data.userAgent);
  if (userAgent) facts.push({ label: t.browser, value: userAgent, testId: "step-user-agent" });
  const failureClass = text(event.data.failureClass);
  if (failureClass) facts.push({ label: t.reason, value: describeFailureClass(failureClass, locale) });
  if (event.type === "attachment.downloaded" && typeof event.data.index === "number" && typeof event.data.size === "number") {
    facts.push({ label: t.attachmentLabel, value: t.attachment(event.data.index + 1, messages.compliance.story.sizeValue(event.data.size)) });
  }
  const reply = text(event.data.replyMessageId);
  if (reply) {
    facts.push({
      label: t.reply,
      value: (
        <Link href={`/compliance/messages/${reply}`} aria-label={t.openReply(reply)} data-testid="reply-story-link" className="font-mono text-xs">
          {reply}
        </Link>
      ),
    });
  }
  if (event.outcome !== "success") facts.push({ label: t.outcome, value: messages.compliance.search.outcomes[event.outcome] ?? event.outcome });
  const rest = summarizeAuditData(Object.fromEntries(Object.entries(event.data).filter(([key]) => !SHOWN_KEYS.has(key))));
  if (rest) facts.push({ label: t.details, value: <span className="font-mono text-xs">{rest}</span> });
  return facts;
}

/** One step of a recipient's story: a delivery attempt with all its TLS facts, or an audit event in words. */
export function StoryStepItem({ step, locale }: { step: StoryStep; locale: Locale }) {
  const messages = getMessages(locale);
  const s = messages.compliance.story;
  const failed = step.kind === "attempt" ? step.attempt.outcome !== "delivered" : step.event.outcome !== "success";
  let title: string;
  if (step.kind === "attempt") {
    const attempt = step.attempt;
    const where = attempt.mxHost ? s.attemptTo(attempt.mxHost) : s.attemptNoHost;
    const result = attempt.outcome === "delivered" ? s.attemptDelivered : s.attemptFailed(attempt.failureClass ? describeFailureClass(attempt.failureClass, locale) : attempt.outcome);
    title = `${where}: ${result}`;
  } else {
    title = messages.compliance.eventTypes[step.event.type] ?? step.event.type;
  }
  const facts = step.kind === "event" ? eventFacts(step.event, locale) : [];
  return (
    <li data-testid="story-step" data-kind={step.kind === "attempt" ? "attempt" : step.event.type} className="relative pb-4 pl-6 last:pb-0">
      <span aria-hidden="true" className={`absolute top-1.5 left-0 size-3 rounded-full ${failed ? "bg-amber-600" : "bg-brand-600"}`} />
      <p className="text-sm text-ink-600">
        <time dateTime={step.at.toISOString()}>{formatDateTime(step.at, locale)}</time>
        {step.kind === "event" && <span className="font-mono text-xs"> · #{step.event.seq}</span>}
      </p>
      <p className="font-medium wrap-anywhere" data-testid="story-step-title">
        {title}
      </p>
      {step.kind === "attempt" && <AttemptFacts attempt={step.attempt} locale={locale} />}
      {facts.length > 0 && (
        <div className="mt-1">
          <DetailList items={facts} />
        </div>
      )}
    </li>
  );
}
