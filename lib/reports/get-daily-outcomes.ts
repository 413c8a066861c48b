import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { addCounts, emptyCounts, OUTCOME_STATUSES, type OutcomeCounts } from "@/lib/reports/report-outcomes";
import type { ReportRange } from "@/lib/reports/report-range";
import { DAY_MS } from "@/lib/retention/retention-settings";

export type DailyOutcomes = { day: string } & OutcomeCounts;

// Days counted at once: PostgreSQL runs them on several pooled connections; SQLite queues them on its one.
const PARALLEL_DAYS = 8;

/**
 * Recipients that reached an outcome on each day of the range (by Recipient.outcomeAt), per outcome. One
 * GROUP BY status per day over the outcomeAt index: the database counts, and day boundaries need no
 * provider-specific date functions. Admin and compliance only.
 */
export async function getDailyOutcomes(actor: Actor, range: ReportRange): Promise<DailyOutcomes[]> {
  assertRole(actor, ["admin", "compliance"], "reports");
  const countDay = async (day: string, index: number): Promise<DailyOutcomes> => {
    const start = new Date(range.start.getTime() + index * DAY_MS);
    const groups = await getDb().recipient.groupBy({
      by: ["status"],
      where: { outcomeAt: { gte: start, lt: new Date(start.getTime() + DAY_MS) }, status: { in: [...OUTCOME_STATUSES] } },
      _count: { _all: true },
    });
    return { day, ...addCounts(emptyCounts(), groups.map((group) => ({ status: group.status, count: group._count._all }))) };
  };
  const result: DailyOutcomes[] = [];
  for (let i = 0; i < range.days.length; i += PARALLEL_DAYS) {
    const chunk = range.days.slice(i, i + PARALLEL_DAYS);
    result.push(...(await Promise.all(chunk.map((day, j) => countDay(day, i + j)))));
  }
  return result;
}
