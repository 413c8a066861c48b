import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { TLS_FAILURE_CLASSES } from "@/lib/reports/report-outcomes";
import type { ReportRange } from "@/lib/reports/report-range";

export type TlsGap = {
  domain: string;
  /** Recipients of this domain escrowed in the range because TLS could not be used. */
  escrowed: number;
  /** The failure class seen most often (ties: the one seen last). */
  topFailureClass: string;
  /** The last such escrow in the range. */
  lastSeen: Date;
};

/**
 * Recipient domains without usable TLS: those whose recipients were escrowed in the range for a TLS failure
 * class (no STARTTLS, handshake, version, certificate), most affected first. One GROUP BY domain, class.
 * Admin and compliance only.
 */
export async function getTlsGaps(actor: Actor, range: ReportRange): Promise<TlsGap[]> {
  assertRole(actor, ["admin", "compliance"], "reports");
  const groups = await getDb().recipient.groupBy({
    by: ["domain", "outcomeClass"],
    where: { status: "escrowed", outcomeClass: { in: [...TLS_FAILURE_CLASSES] }, outcomeAt: { gte: range.start, lt: range.end } },
    _count: { _all: true },
    _max: { outcomeAt: true },
  });
  const byDomain = new Map<string, { failureClass: string; count: number; lastSeen: Date }[]>();
  for (const group of groups) {
    const seen = { failureClass: group.outcomeClass ?? "", count: group._count._all, lastSeen: group._max.outcomeAt ?? range.start };
    byDomain.set(group.domain, [...(byDomain.get(group.domain) ?? []), seen]);
  }
  return [...byDomain]
    .map(([domain, classes]) => {
      const [top] = [...classes].sort((a, b) => b.count - a.count || b.lastSeen.getTime() - a.lastSeen.getTime());
      return {
        domain,
        escrowed: classes.reduce((sum, entry) => sum + entry.count, 0),
        topFailureClass: top?.failureClass ?? "",
        lastSeen: new Date(Math.max(...classes.map((entry) => entry.lastSeen.getTime()))),
      };
    })
    .sort((a, b) => b.escrowed - a.escrowed || (a.domain < b.domain ? -1 : 1));
}
