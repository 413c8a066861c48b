import type { AuditEventView } from "@/lib/compliance/to-audit-event-views";
import type { TimelineAttempt } from "@/lib/portal/sender/read-message-timeline";

/** One line of a recipient's story for compliance review, oldest first. */
export type StoryStep = { kind: "attempt"; at: Date; attempt: TimelineAttempt } | { kind: "event"; at: Date; event: AuditEventView };

// Each attempt row carries more than its `delivery.attempted` event (certificate, duration), so the row tells
// the step and the event stays in the raw list only.
const SHOWN_AS_ATTEMPTS = new Set(["delivery.attempted"]);

/**
 * intake → every delivery attempt → the recipient's audit events (escrow, notification, link fetches, opens,
 * downloads, replies, receipts, revocation, expiry, denials), by time. Steps at the same instant keep that order,
 * and events keep their chain order.
 */
export function buildRecipientStory(
  intake: AuditEventView | null,
  attempts: TimelineAttempt[],
  recipientEvents: AuditEventView[],
): StoryStep[] {
  const steps: StoryStep[] = [
    ...(intake ? [{ kind: "event" as const, at: intake.at, event: intake }] : []),
    ...attempts.map((attempt) => ({ kind: "attempt" as const, at: attempt.startedAt, attempt })),
    ...recipientEvents.filter((event) => !SHOWN_AS_ATTEMPTS.has(event.type)).map((event) => ({ kind: "event" as const, at: event.at, event })),
  ];
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.index - b.index)
    .map(({ step }) => step);
}
