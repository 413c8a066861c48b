import { recordAuditEvent } from "@/lib/audit/record-event";
import { verifyAuditChain, type AuditChainReport } from "@/lib/audit/verify-chain";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * The UI's "verify chain" button: walks the whole chain and every signed checkpoint, records `audit.verified`
 * with the verdict, then returns the report. Admin and compliance only. The event is written after the walk,
 * so it is not part of what was checked; the next verification covers it.
 */
export async function runAuditVerification(actor: Actor, ctx: { sourceIp?: string | null } = {}): Promise<AuditChainReport> {
  assertRole(actor, ["admin", "compliance"], "audit verification");
  const report = await verifyAuditChain({ checkpoints: true });
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      type: "audit.verified",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: report.ok ? "success" : "failure",
      data: report.ok
        ? { ok: true, checkedEvents: report.events, checkpoints: report.checkpoints ?? 0 }
        : { ok: false, checkedEvents: Math.max(report.seq - 1, 0), firstBadSeq: report.seq, problem: report.problem },
    }),
  );
  return report;
}
