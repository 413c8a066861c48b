import type { TimelineAttempt, TimelineEvent, TimelineRecipient } from "@/lib/portal/sender/read-message-timeline";

/** One line of a recipient's story, oldest first. Words come from the catalogue (lib/i18n/areas/sent.ts). */
export type TimelineStep =
  | { kind: "queued"; at: Date }
  | { kind: "attempt"; at: Date; attempt: TimelineAttempt }
  | { kind: "delivered"; at: Date; tlsProtocol: string | null; tlsCipher: string | null }
  | { kind: "escrowed" | "bounced" | "dropped"; at: Date; failureClass: string | null }
  | { kind: "notified" | "notification-failed" | "notification-resent" | "link-fetched" | "link-opened"; at: Date }
  | { kind: "passphrase-set" | "passphrase-verified" | "replied" | "revoked" | "expired"; at: Date }
  | { kind: "opened"; at: Date; ip: string | null }
  | { kind: "expiry-changed"; at: Date; before: Date | null; after: Date | null };

// Events that become a step as they are; the rest come from Recipient columns (one fact, one place).
type EventStepKind = "notified" | "notification-failed" | "notification-resent" | "link-fetched" | "link-opened" | "passphrase-set" | "passphrase-verified" | "expired";

const EVENT_STEPS: Record<string, EventStepKind> = {
  "notification.sent": "notified",
  "notification.failed": "notification-failed",
  "notification.resent": "notification-resent",
  "link.fetched": "link-fetched",
  "link.opened": "link-opened",
  "passphrase.set": "passphrase-set",
  "passphrase.verified": "passphrase-verified",
  "recipient.expired": "expired",
};

function dateOrNull(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function eventSteps(events: TimelineEvent[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const event of events) {
    const kind = EVENT_STEPS[event.type];
    if (kind) steps.push({ kind, at: event.at });
    else if (event.type === "recipient.expiry_changed") {
      steps.push({ kind: "expiry-changed", at: event.at, before: dateOrNull(event.data.before), after: dateOrNull(event.data.after) });
    }
  }
  return steps;
}

function outcomeStep(recipient: TimelineRecipient): TimelineStep[] {
  const at = recipient.outcomeAt;
  if (!at) return [];
  switch (recipient.status) {
    case "delivered":
      return [{ kind: "delivered", at, tlsProtocol: recipient.tlsProtocol, tlsCipher: recipient.tlsCipher }];
    case "escrowed":
    case "bounced":
    case "dropped":
      return [{ kind: recipient.status, at, failureClass: recipient.outcomeClass }];
    default:
      return [];
  }
}

/**
 * queued → each TLS attempt → delivered / escrowed / bounced / dropped → notified → opened → replied / expired /
 * revoked, from the Recipient row, its attempts and its audit events. Steps at the same instant keep that order.
 */
export function buildRecipientTimeline(messageCreatedAt: Date, recipient: TimelineRecipient, now: Date): TimelineStep[] {
  const fromEvents = eventSteps(recipient.events);
  const steps: TimelineStep[] = [
    { kind: "queued", at: messageCreatedAt },
    ...recipient.attempts.map((attempt): TimelineStep => ({ kind: "attempt", at: attempt.startedAt, attempt })),
    ...outcomeStep(recipient),
    ...fromEvents,
  ];
  // Rows written before the audit trail knew these steps still show them.
  if (recipient.notifiedAt && !fromEvents.some((step) => step.kind === "notified")) steps.push({ kind: "notified", at: recipient.notifiedAt });
  if (recipient.firstViewedAt) steps.push({ kind: "opened", at: recipient.firstViewedAt, ip: recipient.firstViewIp });
  if (recipient.repliedAt) steps.push({ kind: "replied", at: recipient.repliedAt });
  if (recipient.revokedAt) steps.push({ kind: "revoked", at: recipient.revokedAt });
  // The sweep records expiry within a minute; until then the passed date itself says so.
  const expiredRecorded = fromEvents.some((step) => step.kind === "expired" && recipient.expiresAt && step.at >= recipient.expiresAt);
  if (!recipient.revokedAt && recipient.expiresAt && recipient.expiresAt <= now && !expiredRecorded) {
    steps.push({ kind: "expired", at: recipient.expiresAt });
  }
  return steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.index - b.index)
    .map(({ step }) => step);
}
