import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { RecipientAccess } from "@/lib/portal/require-message-access";

/**
 * Audits a download by the recipient: `attachment.downloaded` (with the attachment's position and size, never
 * its name: names can carry content) or `message.downloaded` for the .eml.
 */
export async function recordDownload(
  actor: Actor,
  access: RecipientAccess,
  what: { kind: "attachment"; index: number; size: number } | { kind: "eml"; size: number },
  sourceIp: string | null,
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      type: what.kind === "attachment" ? "attachment.downloaded" : "message.downloaded",
      actorType: "user",
      actorId: actor.id,
      sourceIp,
      messageId: access.message.id,
      recipientId: access.recipient.id,
      outcome: "success",
      data: what.kind === "attachment" ? { index: what.index, size: what.size } : { size: what.size },
    });
  });
}
