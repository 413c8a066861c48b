import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { ReportRange } from "@/lib/reports/report-range";

export type OpenStats = {
  /** Recipients escrowed in the range (by outcomeAt). */
  escrowed: number;
  /** Of those, the ones who opened the message in the portal (firstViewedAt). */
  opened: number;
  /** opened / escrowed, 0..1; null when nothing was escrowed. */
  openedShare: number | null;
  /** Median time from notification to first opening, in milliseconds; null when nobody opened. */
  medianMsToOpen: number | null;
};

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

/**
 * How many escrowed recipients opened their message, and how long after the notification they did. Two counts
 * in the database; the median needs the opened rows' two timestamps (only those columns are read): no portable
 * SQL computes a median. Admin and compliance only.
 */
export async function getOpenStats(actor: Actor, range: ReportRange): Promise<OpenStats> {
  assertRole(actor, ["admin", "compliance"], "reports");
  const db = getDb();
  const inRange = { status: "escrowed", outcomeAt: { gte: range.start, lt: range.end } };
  const [escrowed, opened, timed] = await Promise.all([
    db.recipient.count({ where: inRange }),
    db.recipient.count({ where: { ...inRange, firstViewedAt: { not: null } } }),
    db.recipient.findMany({
      where: { ...inRange, firstViewedAt: { not: null }, notifiedAt: { not: null } },
      select: { notifiedAt: true, firstViewedAt: true },
    }),
  ]);
  // A view stamped a moment before the notification (clocks of two processes) counts as immediate.
  const delays = timed.map((row) => Math.max(0, row.firstViewedAt!.getTime() - row.notifiedAt!.getTime()));
  return { escrowed, opened, openedShare: escrowed === 0 ? null : opened / escrowed, medianMsToOpen: median(delays) };
}
