import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { passwordResetsByEmail, passwordResetsByIp } from "@/lib/auth/throttle-rules";
import { getDb } from "@/lib/db";
import { enqueueJob } from "@/lib/queue/enqueue-job";

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());

/**
 * "Forgot your password": queues a reset link to an active account's address. The caller always shows the same
 * answer, whether the address has an account, is throttled or is not an address at all (no account
 * enumeration); the audit trail says which (`password.reset_requested`). The link itself is made by the email
 * job (lib/auth/run-account-email-job.ts), so no token sits in the job table.
 */
export async function requestPasswordReset(input: unknown, ctx: { sourceIp: string | null }): Promise<void> {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success) return;
  const email = parsed.data;
  const ip = ctx.sourceIp ?? "unknown";
  const [byEmail, byIp] = await Promise.all([passwordResetsByEmail.hit(email), passwordResetsByIp.hit(ip)]);
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  const reason = byEmail > 0 || byIp > 0 ? "throttled" : !user ? "unknown-email" : user.deactivatedAt ? "deactivated" : null;
  await getDb().$transaction(async (tx) => {
    if (!reason && user) await enqueueJob(tx, { kind: "account-email", payload: { email: "password-reset", userId: user.id } });
    await recordAuditEvent(tx, {
      type: "password.reset_requested",
      actorType: user ? "user" : "system",
      actorId: user?.id ?? null,
      sourceIp: ctx.sourceIp,
      outcome: reason ? "denied" : "success",
      data: reason ? { reason } : {},
    });
  });
}
