import { StoryStepItem } from "@/app/(compliance)/compliance/messages/[messageId]/story-step-item";
import { StatusBadge } from "@/app/_components/status-badge";
import type { StoryStep } from "@/lib/compliance/build-recipient-story";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import type { TimelineRecipient } from "@/lib/portal/sender/read-message-timeline";

type Props = { recipient: Omit<TimelineRecipient, "events">; steps: StoryStep[]; locale: Locale };

/** One recipient: the outcome and every step from intake to the last thing that happened. */
export function RecipientStory({ recipient, steps, locale }: Props) {
  const s = getMessages(locale).compliance.story;
  const headingId = `recipient-${recipient.id}`;
  return (
    <section aria-labelledby={headingId} data-testid="story-recipient" data-recipient-id={recipient.id} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-lg font-semibold wrap-anywhere">
          {recipient.address}
        </h3>
        <StatusBadge status={recipient.status} />
      </div>
      {recipient.outcomeClass && (
        <p className="text-sm text-ink-600">
          {s.recipientOutcome}: {describeFailureClass(recipient.outcomeClass, locale)}
        </p>
      )}
      <ol className="border-l border-slate-200" data-testid="story-timeline">
        {steps.map((step, index) => (
          <StoryStepItem key={step.kind === "attempt" ? step.attempt.id : `${step.event.seq}-${index}`} step={step} locale={locale} />
        ))}
      </ol>
    </section>
  );
}
