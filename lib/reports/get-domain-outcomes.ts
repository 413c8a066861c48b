import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { addCounts, emptyCounts, OUTCOME_STATUSES, type OutcomeCounts } from "@/lib/reports/report-outcomes";
import type { ReportRange } from "@/lib/reports/report-range";

export type DomainOutcomes = { domain: string } & OutcomeCounts;

/**
 * Per recipient domain, recipients that reached each outcome in the range; busiest domains first (ties by
 * name). One GROUP BY domain, status over the outcomeAt range. Admin and compliance only.
 */
export async function getDomainOutcomes(actor: Actor, range: ReportRange): Promise<DomainOutcomes[]> {
  assertRole(actor, ["admin", "compliance"], "reports");
  const groups = await getDb().recipient.groupBy({
    by: ["domain", "status"],
    where: { outcomeAt: { gte: range.start, lt: range.end }, status: { in: [...OUTCOME_STATUSES] } },
    _count: { _all: true },
  });
  const byDomain = new Map<string, OutcomeCounts>();
  for (const group of groups) {
    const counts = byDomain.get(group.domain) ?? emptyCounts();
    byDomain.set(group.domain, addCounts(counts, [{ status: group.status, count: group._count._all }]));
  }
  return [...byDomain]
    .map(([domain, counts]) => ({ domain, ...counts }))
    .sort((a, b) => b.total - a.total || (a.domain < b.domain ? -1 : 1));
}
