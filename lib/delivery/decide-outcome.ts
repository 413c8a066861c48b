import type { AttemptRecord } from "@/lib/delivery/attempt-smtp";
import type { TlsPolicy } from "@/lib/delivery/domain-policy";
import type { FailureClass } from "@/lib/delivery/failure-class";
import type { RouteFailure, SkippedHost } from "@/lib/delivery/resolve-routes";

// What happens to one recipient after a delivery run: the policy table of issue 2 in one pure function, so
// every row can be unit-tested without a network.

export type OutcomeAction = "delivered" | "escrow" | "retry" | "bounce" | "drop";

export type Outcome = {
  action: OutcomeAction;
  /** The class that decided the outcome; null when delivered or escrowed without trying. */
  failureClass: FailureClass | null;
  /** Only for `retry`. */
  retryAt?: Date;
  /** Plain words for the audit trail and the sender's notice; never message content. */
  reason: string;
};

/** The parts of a deliverToDomain result the decision reads. */
export type DeliveryRunSummary = {
  delivered: boolean;
  attempts: Pick<AttemptRecord, "mxHost" | "failureClass" | "failureDetail" | "permanent">[];
  routeFailure?: RouteFailure;
  skipped?: SkippedHost[];
};

export type DecideOutcomeInput = {
  policy: TlsPolicy;
  forceEscrow: boolean;
  result: DeliveryRunSummary;
  firstQueuedAt: Date;
  now: Date;
  retryWindowMs: number;
};

// Failures that come from how the MX is set up (TLS-missing, TLS-negotiation, Cert-bad in the reference's
// table): retrying in minutes will not change them, so when every MX fails this way the fallback is immediate.
export const DETERMINISTIC_TLS_CLASSES: ReadonlySet<FailureClass> = new Set<FailureClass>([
  "starttls-not-supported",
  "tls-handshake-failed",
  "tls-version-too-old",
  "certificate-untrusted",
  "certificate-expired",
  "certificate-host-mismatch",
]);

const FIRST_RETRY_DELAY_MS = 60_000;
export const MAX_RETRY_DELAY_MS = 60 * 60_000;

/**
 * Whether delivery should be tried at all. The subject tag (forceEscrow) and `escrow-always` send the
 * message to the portal without connecting, so its content is never decrypted for delivery. forceEscrow wins
 * even over `tls-only`: the sender explicitly asked for the portal.
 */
export function shouldConnect(policy: TlsPolicy, forceEscrow: boolean): boolean {
  return !forceEscrow && policy !== "escrow-always";
}

/**
 * When to try again: the delay equals the time already spent in the queue (at least a minute, at most an
 * hour), so tries land 1, 2, 4, 8 … minutes after queueing without keeping a counter, and a worker crash
 * does not reset the schedule. Never later than the end of the window, so the last try happens on time.
 */
export function nextRetryAt(firstQueuedAt: Date, now: Date, retryWindowMs: number): Date {
  const elapsed = now.getTime() - firstQueuedAt.getTime();
  const delay = Math.min(Math.max(FIRST_RETRY_DELAY_MS, elapsed), MAX_RETRY_DELAY_MS);
  return new Date(Math.min(now.getTime() + delay, firstQueuedAt.getTime() + retryWindowMs));
}

/** Without verified TLS the recipient gets the portal, except under `tls-only`, which drops and tells the sender. */
function giveUp(policy: TlsPolicy, failureClass: FailureClass | null, reason: string): Outcome {
  // `opportunistic` is meant for content-free notifications, whose attempts run in attemptSmtp's
  // "opportunistic" mode and rarely fail on TLS; an ordinary message under it is treated like tls-or-escrow.
  if (policy === "tls-only") return { action: "drop", failureClass, reason: `${reason}; the domain's policy forbids the portal` };
  return { action: "escrow", failureClass, reason };
}

export function decideOutcome(input: DecideOutcomeInput): Outcome {
  const { policy, forceEscrow, result, firstQueuedAt, now, retryWindowMs } = input;
  if (!shouldConnect(policy, forceEscrow)) {
    const reason = forceEscrow ? "the sender asked for delivery through the portal" : "the domain's policy sends all mail through the portal";
    return { action: "escrow", failureClass: null, reason };
  }
  if (result.delivered) return { action: "delivered", failureClass: null, reason: "delivered over verified TLS" };

  // The address itself is wrong: the portal would not help, since the notification would fail too.
  if (result.routeFailure?.failureClass === "no-mx") {
    return { action: "bounce", failureClass: "no-mx", reason: result.routeFailure.detail };
  }
  const refused = result.attempts.find((a) => a.failureClass === "smtp-5xx" && a.permanent);
  if (refused) {
    return { action: "bounce", failureClass: "smtp-5xx", reason: `${refused.mxHost} refused the message: ${refused.failureDetail ?? "5xx reply"}` };
  }

  const failures: { failureClass: FailureClass; detail: string }[] = [
    ...(result.routeFailure ? [result.routeFailure] : []),
    ...result.attempts.flatMap((a) => (a.failureClass ? [{ failureClass: a.failureClass, detail: `${a.mxHost}: ${a.failureDetail ?? a.failureClass}` }] : [])),
    // An MX whose address look-up failed temporarily was never tried: it might offer TLS next time.
    ...(result.skipped ?? []).filter((s) => s.failureClass === "dns-tempfail"),
  ];
  const temporary = failures.find((f) => !DETERMINISTIC_TLS_CLASSES.has(f.failureClass));
  if (!temporary && failures[0]) {
    return giveUp(policy, failures[0].failureClass, `no mail server for the domain offers verified TLS (${failures[0].detail})`);
  }

  const failureClass = temporary?.failureClass ?? null;
  const detail = temporary?.detail ?? "no delivery attempt could be made";
  if (now.getTime() < firstQueuedAt.getTime() + retryWindowMs) {
    return { action: "retry", failureClass, retryAt: nextRetryAt(firstQueuedAt, now, retryWindowMs), reason: detail };
  }
  return giveUp(policy, failureClass, `delivery kept failing temporarily until the retry window closed (${detail})`);
}
