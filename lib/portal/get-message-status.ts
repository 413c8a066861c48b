import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { readMessageTimeline, type MessageTimeline } from "@/lib/portal/sender/read-message-timeline";
import { requireStatusAccess, type AccessContext } from "@/lib/portal/require-message-access";

/** The timeline page's view: the status read plus whether the viewer sent the message (only then: actions). */
export type MessageStatus = MessageTimeline & { viewerIsSender: boolean };

/**
 * Delivery status of one message for its sender or an admin (portal rule (c)): per recipient the outcome, every
 * attempt with its TLS details and the audit events after it. Null when the message does not exist or the actor
 * may not see it; the gate audits a refusal (`access.denied`). Sealed content is never read.
 */
export async function getMessageStatus(actor: Actor, messageId: string, context: AccessContext = {}): Promise<MessageStatus | null> {
  let viewerIsSender: boolean;
  try {
    ({ viewerIsSender } = await requireStatusAccess(actor, messageId, context));
  } catch (error) {
    if (error instanceof AccessDeniedError) return null;
    throw error;
  }
  const owned = await readMessageTimeline(messageId);
  return owned ? { ...owned.timeline, viewerIsSender } : null;
}
