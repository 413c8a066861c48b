import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import type { BreakGlassGrantView } from "@/lib/compliance/find-break-glass-grant";
import { getDb } from "@/lib/db";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { toReadableMessage, type ReadableMessage } from "@/lib/portal/read/get-readable-message";
import { parseSealedMessage } from "@/lib/portal/read/parse-sealed-message";

export type BreakGlassRead = { state: "shown"; message: ReadableMessage } | { state: "shredded" };

/**
 * The message behind a break-glass grant, sanitised exactly as the recipient's read page shows it (remote
 * images always blocked: loading them would tell the sender someone is reading). Takes the gate's grant, not
 * an id, so it cannot be reached without passing lib/compliance/require-break-glass-grant.ts. Each view is
 * audited (`break_glass.content_viewed`) before the content is opened. A crypto-shredded message has nothing
 * left to show.
 */
export async function readBreakGlassMessage(actor: Actor, grant: BreakGlassGrantView, ctx: { sourceIp?: string | null } = {}): Promise<BreakGlassRead> {
  const db = getDb();
  const message = await db.message.findUnique({ where: { id: grant.messageId }, select: { wrappedDataKey: true } });
  if (!message || message.wrappedDataKey === null) return { state: "shredded" };
  await db.$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      type: "break_glass.content_viewed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      messageId: grant.messageId,
      outcome: "success",
      data: { grantId: grant.id, part: "message" },
    });
  });
  let parsed: Awaited<ReturnType<typeof parseSealedMessage>>;
  try {
    parsed = await parseSealedMessage(grant.messageId);
  } catch (error) {
    // Shredded between the check above and the read.
    if (error instanceof ShreddedError) return { state: "shredded" };
    throw error;
  }
  return { state: "shown", message: toReadableMessage(parsed, { allowRemoteImages: false }) };
}
