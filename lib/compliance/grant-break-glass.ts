import { recordAuditEvent } from "@/lib/audit/record-event";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { breakGlassSchema, type BreakGlassInput } from "@/lib/compliance/break-glass-schema";
import { getDb } from "@/lib/db";
import { enqueueJob } from "@/lib/queue/enqueue-job";
import { getOrgSettings } from "@/lib/settings/org-settings";

const HOUR_MS = 3_600_000;

/** A justification that does not pass (`code` is a catalogue key) or a message whose content is gone. */
export class BreakGlassError extends Error {
  constructor(readonly code: "justificationTooShort" | "justificationTooLong" | "justificationInvalid" | "shredded") {
    super(`Break-glass access not granted: ${code}`);
    this.name = "BreakGlassError";
  }
}

/**
 * Grants a compliance officer time-limited access to one message's content on a written justification, for
 * the organisation's `breakGlassHours`. The grant, its audit event (`break_glass.granted`) and one notice job
 * per active admin (a content-free email: who, which message, why, when) are written in one transaction, so
 * nobody can read under a grant the admins will not hear about. Compliance role only, and only while the
 * organisation allows break-glass; other attempts are audited as `access.denied`.
 */
export async function grantBreakGlass(
  actor: Actor,
  input: BreakGlassInput,
  ctx: { sourceIp?: string | null; now?: Date } = {},
): Promise<{ grantId: string; expiresAt: Date }> {
  const resource = `break-glass:${input.messageId}`;
  const deny = async (reason: string, messageId: string | null): Promise<never> => {
    await recordAccessDenied({ actor, resource, reason, messageId, sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, resource);
  };
  if (actor.role !== "compliance") return deny("role", null);
  const settings = await getOrgSettings();
  if (!settings.breakGlassEnabled) return deny("break-glass-disabled", null);
  const parsed = breakGlassSchema.safeParse(input);
  if (!parsed.success) {
    const code = parsed.error.issues.find((issue) => issue.path[0] === "justification")?.message;
    if (code === "justificationTooShort" || code === "justificationTooLong" || code === "justificationInvalid") throw new BreakGlassError(code);
    return deny("not-found", null);
  }
  const { messageId, justification } = parsed.data;
  const message = await getDb().message.findUnique({ where: { id: messageId }, select: { id: true, wrappedDataKey: true } });
  if (!message) return deny("not-found", null);
  if (message.wrappedDataKey === null) throw new BreakGlassError("shredded");

  const now = ctx.now ?? new Date();
  const expiresAt = new Date(now.getTime() + settings.breakGlassHours * HOUR_MS);
  return getDb().$transaction(async (tx) => {
    const grant = await tx.breakGlassGrant.create({
      data: { userId: actor.id, messageId, justification, createdAt: now, expiresAt },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      type: "break_glass.granted",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      messageId,
      outcome: "success",
      data: { grantId: grant.id, justification, expiresAt: expiresAt.toISOString() },
    });
    const admins = await tx.user.findMany({ where: { role: "admin", deactivatedAt: null }, select: { id: true } });
    for (const admin of admins) {
      await enqueueJob(tx, { kind: "break-glass-notice", messageId, payload: { grantId: grant.id, adminUserId: admin.id } });
    }
    return { grantId: grant.id, expiresAt };
  });
}
