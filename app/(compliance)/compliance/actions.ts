"use server";

import { headers } from "next/headers";
import { runAuditVerification } from "@/lib/audit/run-audit-verification";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";

export type VerifyChainState =
  | { state: "idle" }
  | { state: "intact"; checkedEvents: number }
  | { state: "broken"; seq: number; problem: string; detail: string };

/** Admin and compliance: walks the whole audit chain (audited as `audit.verified` by the audit module). */
export async function verifyChainAction(_previous: VerifyChainState): Promise<VerifyChainState> {
  const actor = await requireRole(["admin", "compliance"], "/compliance");
  const report = await runAuditVerification(actor, { sourceIp: getClientIp(await headers()) });
  return report.ok ? { state: "intact", checkedEvents: report.events } : { state: "broken", seq: report.seq, problem: report.problem, detail: report.detail };
}
