import type { FailureClass } from "@/lib/delivery/failure-class";

// The final outcomes a report counts (Recipient.status; "queued" has no outcome yet), and the failure classes
// that mean "no usable TLS" (lib/delivery/failure-class.ts; TLS-RPT's result types, RFC 8460 §4.3).
export const OUTCOME_STATUSES = ["delivered", "escrowed", "bounced", "dropped"] as const;

export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export type OutcomeCounts = Record<OutcomeStatus, number> & { total: number };

export const TLS_FAILURE_CLASSES = [
  "starttls-not-supported",
  "tls-handshake-failed",
  "tls-version-too-old",
  "certificate-untrusted",
  "certificate-expired",
  "certificate-host-mismatch",
] as const satisfies readonly FailureClass[];

export function emptyCounts(): OutcomeCounts {
  return { delivered: 0, escrowed: 0, bounced: 0, dropped: 0, total: 0 };
}

/** Adds grouped rows ({status, count}) into `counts`; statuses outside OUTCOME_STATUSES are ignored. */
export function addCounts(counts: OutcomeCounts, groups: { status: string; count: number }[]): OutcomeCounts {
  for (const { status, count } of groups) {
    if (!(OUTCOME_STATUSES as readonly string[]).includes(status)) continue;
    counts[status as OutcomeStatus] += count;
    counts.total += count;
  }
  return counts;
}
