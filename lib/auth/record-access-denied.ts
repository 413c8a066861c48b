import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/** Audits a refused page or read (`access.denied`). `resource` names what was asked for, e.g. a path. */
export async function recordAccessDenied(input: {
  actor: Actor;
  resource: string;
  reason: string;
  messageId?: string | null;
  sourceIp?: string | null;
}): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      type: "access.denied",
      actorType: "user",
      actorId: input.actor.id,
      sourceIp: input.sourceIp ?? null,
      messageId: input.messageId ?? null,
      outcome: "denied",
      data: { resource: input.resource, reason: input.reason, role: input.actor.role },
    });
  });
}
