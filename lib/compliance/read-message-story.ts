import { assertRole, type Actor } from "@/lib/auth/roles";
import { buildRecipientStory, type StoryStep } from "@/lib/compliance/build-recipient-story";
import { auditEventSelect, toAuditEventViews, type AuditEventView } from "@/lib/compliance/to-audit-event-views";
import { getDb } from "@/lib/db";
import { readMessageTimeline, type MessageTimeline, type TimelineRecipient } from "@/lib/portal/sender/read-message-timeline";

// A message has a handful of recipients and each a few dozen events; the caps guard against a runaway loop
// (a link scanner fetching thousands of times) and keep the page bounded.
export const MAX_STORY_EVENTS = 2_000;
const MAX_THREAD_MESSAGES = 20;

export type MessageStory = {
  message: Omit<MessageTimeline, "recipients"> & {
    threadId: string | null;
    inReplyToId: string | null;
    senderEmail: string | null;
    shreddedAt: Date | null;
  };
  /** Other messages of the conversation, oldest first. */
  thread: { id: string; createdAt: Date; fromAddress: string }[];
  recipients: { recipient: Omit<TimelineRecipient, "events">; steps: StoryStep[] }[];
  /** Events about the message as a whole (intake, retention, legal hold, break-glass, denials). */
  messageEvents: AuditEventView[];
  /** Every event that names the message, in chain order. */
  events: AuditEventView[];
  eventsTruncated: boolean;
};

/**
 * Everything known about a message except its content: envelope, each recipient's outcome, every delivery
 * attempt with its TLS details and every audit event naming it. Sealed parts are never read. Admin and
 * compliance only; null for an unknown id.
 */
export async function readMessageStory(actor: Actor, messageId: string): Promise<MessageStory | null> {
  assertRole(actor, ["admin", "compliance"], "message history");
  const owned = await readMessageTimeline(messageId);
  if (!owned) return null;
  const db = getDb();
  const [extra, sender, rows] = await Promise.all([
    db.message.findUniqueOrThrow({ where: { id: messageId }, select: { threadId: true, inReplyToId: true, shreddedAt: true } }),
    owned.senderUserId ? db.user.findUnique({ where: { id: owned.senderUserId }, select: { email: true } }) : null,
    db.auditEvent.findMany({ where: { messageId }, orderBy: { seq: "asc" }, take: MAX_STORY_EVENTS + 1, select: auditEventSelect }),
  ]);
  const thread = extra.threadId
    ? await db.message.findMany({
        where: { threadId: extra.threadId, id: { not: messageId } },
        orderBy: { createdAt: "asc" },
        take: MAX_THREAD_MESSAGES,
        select: { id: true, createdAt: true, fromAddress: true },
      })
    : [];
  const events = await toAuditEventViews(rows.slice(0, MAX_STORY_EVENTS));
  const intake = events.find((event) => event.type === "message.accepted") ?? null;
  const { recipients, ...envelope } = owned.timeline;
  return {
    message: { ...envelope, ...extra, senderEmail: sender?.email ?? null },
    thread,
    recipients: recipients.map(({ events: _sendersView, ...recipient }) => ({
      recipient,
      steps: buildRecipientStory(intake, recipient.attempts, events.filter((event) => event.recipientId === recipient.id)),
    })),
    messageEvents: events.filter((event) => event.recipientId === null && event !== intake),
    events,
    eventsTruncated: rows.length > MAX_STORY_EVENTS,
  };
}
