import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * Ends every session of `actor` on every device: sessions carry the sessionVersion of their sign-in, and gates
 * refuse any older than the stored one (lib/auth/get-session-actor.ts).
 */
export async function signOutEverywhere(actor: Actor, ctx: { sourceIp: string | null }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      type: "user.signed_out_everywhere",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp,
      outcome: "success",
    });
  });
}
