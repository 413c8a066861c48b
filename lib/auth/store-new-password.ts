import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Tx } from "@/lib/db";
import { enqueueJob } from "@/lib/queue/enqueue-job";

/**
 * Saves a new password hash, inside the caller's transaction, with what must go with it: every existing session
 * ends (sessionVersion bump), the change is audited (`password.changed`) and the person is told by email
 * ("your password was changed"), so a change they did not make does not go unnoticed.
 */
export async function storeNewPassword(
  tx: Tx,
  input: { userId: string; passwordHash: string; via: "reset" | "account"; sourceIp: string | null; now: Date },
): Promise<void> {
  await tx.user.update({
    where: { id: input.userId },
    data: { passwordHash: input.passwordHash, passwordChangedAt: input.now, sessionVersion: { increment: 1 } },
  });
  await enqueueJob(tx, { kind: "account-email", payload: { email: "password-changed", userId: input.userId } });
  await recordAuditEvent(tx, {
    type: "password.changed",
    actorType: "user",
    actorId: input.userId,
    sourceIp: input.sourceIp,
    outcome: "success",
    data: { via: input.via },
  });
}
