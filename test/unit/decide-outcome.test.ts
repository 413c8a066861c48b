import { describe, expect, it } from "vitest";
import {
  decideOutcome,
  type DecideOutcomeInput,
  DETERMINISTIC_TLS_CLASSES,
  type DeliveryRunSummary,
  MAX_RETRY_DELAY_MS,
  nextRetryAt,
  shouldConnect,
} from "@/lib/delivery/decide-outcome";
import { TLS_POLICIES } from "@/lib/delivery/domain-policy";
import { FAILURE_CLASSES, type FailureClass } from "@/lib/delivery/failure-class";

const MIN = 60_000;
const WINDOW = 15 * MIN;
const queuedAt = new Date("2026-11-02T10:00:00Z");
const at = (minutes: number) => new Date(queuedAt.getTime() + minutes * MIN);

function attempt(failureClass: FailureClass | null, opts: { permanent?: boolean; host?: string } = {}) {
  return { mxHost: opts.host ?? "mx.example.test", failureClass, failureDetail: failureClass && `${failureClass} detail`, permanent: opts.permanent ?? false };
}

function decide(result: DeliveryRunSummary, overrides: Partial<DecideOutcomeInput> = {}) {
  return decideOutcome({ policy: "tls-or-escrow", forceEscrow: false, result, firstQueuedAt: queuedAt, now: at(0), retryWindowMs: WINDOW, ...overrides });
}

const failedWith = (...classes: FailureClass[]): DeliveryRunSummary => ({ delivered: false, attempts: classes.map((c) => attempt(c)) });

const deterministic = [...DETERMINISTIC_TLS_CLASSES];
const temporary = FAILURE_CLASSES.filter((c) => !DETERMINISTIC_TLS_CLASSES.has(c) && c !== "no-mx");

describe("shouldConnect", () => {
  it.each(TLS_POLICIES.flatMap((policy) => [[policy, false], [policy, true]] as const))("%s, forceEscrow=%s", (policy, force) => {
    expect(shouldConnect(policy, force)).toBe(!force && policy !== "escrow-always");
  });
});

describe("decideOutcome", () => {
  it.each(TLS_POLICIES)("forceEscrow escrows without trying under %s, whatever the result says", (policy) => {
    const outcome = decide({ delivered: true, attempts: [attempt(null)] }, { policy, forceEscrow: true });
    expect(outcome).toMatchObject({ action: "escrow", failureClass: null });
    expect(outcome.reason).toMatch(/sender asked/);
  });

  it("escrow-always escrows without trying", () => {
    expect(decide({ delivered: false, attempts: [] }, { policy: "escrow-always" })).toMatchObject({ action: "escrow", failureClass: null });
  });

  it.each(["tls-or-escrow", "tls-only", "opportunistic"] as const)("delivered stays delivered under %s", (policy) => {
    const result = { delivered: true, attempts: [attempt("starttls-not-supported", { host: "mx1" }), attempt(null, { host: "mx2" })] };
    expect(decide(result, { policy })).toMatchObject({ action: "delivered", failureClass: null });
  });

  it.each(["tls-or-escrow", "tls-only", "opportunistic"] as const)("no-mx bounces under %s", (policy) => {
    const result = { delivered: false, attempts: [], routeFailure: { failureClass: "no-mx" as const, detail: "example.test accepts no mail (null MX)" } };
    expect(decide(result, { policy })).toEqual({ action: "bounce", failureClass: "no-mx", reason: "example.test accepts no mail (null MX)" });
  });

  it("a permanent 5xx on RCPT/DATA bounces, even after other hosts failed on TLS", () => {
    const result = { delivered: false, attempts: [attempt("certificate-expired"), attempt("smtp-5xx", { permanent: true, host: "mx2" })] };
    const outcome = decide(result, { policy: "tls-only" });
    expect(outcome).toMatchObject({ action: "bounce", failureClass: "smtp-5xx" });
    expect(outcome.reason).toMatch(/^mx2 refused/);
  });

  it("a 5xx that is not permanent (greeting) is retried, like Postfix's smtp_skip_5xx_greeting", () => {
    expect(decide(failedWith("smtp-5xx"))).toMatchObject({ action: "retry", failureClass: "smtp-5xx" });
  });

  it.each(deterministic)("%s on every MX escrows at once", (failureClass) => {
    expect(decide(failedWith(failureClass, failureClass))).toMatchObject({ action: "escrow", failureClass });
  });

  it.each(deterministic)("%s on every MX drops under tls-only", (failureClass) => {
    const outcome = decide(failedWith(failureClass), { policy: "tls-only" });
    expect(outcome).toMatchObject({ action: "drop", failureClass });
    expect(outcome.reason).toMatch(/forbids the portal/);
  });

  it("different deterministic TLS failures on different MX hosts escrow with the first host's class", () => {
    expect(decide(failedWith("starttls-not-supported", "certificate-host-mismatch"))).toMatchObject({ action: "escrow", failureClass: "starttls-not-supported" });
  });

  it("opportunistic (notification policy) gives up like tls-or-escrow for an ordinary message", () => {
    expect(decide(failedWith("tls-version-too-old"), { policy: "opportunistic" })).toMatchObject({ action: "escrow" });
    expect(decide(failedWith("timeout"), { policy: "opportunistic", now: at(15) })).toMatchObject({ action: "escrow", failureClass: "timeout" });
  });

  it.each(temporary)("%s is retried inside the window", (failureClass) => {
    expect(decide(failedWith(failureClass), { now: at(3) })).toMatchObject({ action: "retry", failureClass, retryAt: at(6) });
  });

  it("dns-tempfail on the route is retried", () => {
    const result = { delivered: false, attempts: [], routeFailure: { failureClass: "dns-tempfail" as const, detail: "SERVFAIL" } };
    expect(decide(result)).toMatchObject({ action: "retry", failureClass: "dns-tempfail", retryAt: at(1) });
  });

  it.each(temporary)("%s escrows once the window has closed, drops under tls-only", (failureClass) => {
    expect(decide(failedWith(failureClass), { now: at(15) })).toMatchObject({ action: "escrow", failureClass });
    expect(decide(failedWith(failureClass), { now: at(20), policy: "tls-only" })).toMatchObject({ action: "drop", failureClass });
  });

  it("mixed results with one temporary failure retry within the window, reporting the temporary class", () => {
    const result = failedWith("starttls-not-supported", "connect-failed");
    expect(decide(result, { now: at(1) })).toMatchObject({ action: "retry", failureClass: "connect-failed", retryAt: at(2) });
    expect(decide(result, { now: at(15) })).toMatchObject({ action: "escrow", failureClass: "connect-failed" });
  });

  it("an MX skipped because its address look-up failed temporarily keeps a TLS failure elsewhere retryable", () => {
    const result = { ...failedWith("starttls-not-supported"), skipped: [{ host: "mx1", failureClass: "dns-tempfail" as const, detail: "SERVFAIL" }] };
    expect(decide(result)).toMatchObject({ action: "retry", failureClass: "dns-tempfail" });
    const gone = { ...failedWith("starttls-not-supported"), skipped: [{ host: "mx1", failureClass: "no-mx" as const, detail: "no address" }] };
    expect(decide(gone)).toMatchObject({ action: "escrow", failureClass: "starttls-not-supported" });
  });

  it("a run with no attempt and no route failure is retried rather than decided", () => {
    expect(decide({ delivered: false, attempts: [] })).toMatchObject({ action: "retry", failureClass: null });
  });

  it("a zero window gives up on the first temporary failure", () => {
    expect(decide(failedWith("timeout"), { retryWindowMs: 0 })).toMatchObject({ action: "escrow", failureClass: "timeout" });
  });
});

describe("nextRetryAt", () => {
  it("doubles the time since queueing: tries at 1, 2, 4, 8 minutes", () => {
    expect(nextRetryAt(queuedAt, at(0), WINDOW)).toEqual(at(1));
    expect(nextRetryAt(queuedAt, at(1), WINDOW)).toEqual(at(2));
    expect(nextRetryAt(queuedAt, at(2), WINDOW)).toEqual(at(4));
    expect(nextRetryAt(queuedAt, at(4), WINDOW)).toEqual(at(8));
  });

  it("never schedules past the end of the window, so the last try happens when it closes", () => {
    expect(nextRetryAt(queuedAt, at(8), WINDOW)).toEqual(at(15));
  });

  it("caps the delay in long windows", () => {
    const longWindow = 5 * 24 * 60 * MIN;
    expect(nextRetryAt(queuedAt, at(600), longWindow)).toEqual(new Date(at(600).getTime() + MAX_RETRY_DELAY_MS));
  });

  it("waits at least a minute even if the clock went backwards", () => {
    expect(nextRetryAt(queuedAt, at(-5), WINDOW)).toEqual(at(-4));
  });
});

it("sorts the failure classes: six deterministic TLS classes, five temporary ones, and no-mx", () => {
  expect(deterministic).toHaveLength(6);
  expect([...temporary].sort()).toEqual(["connect-failed", "dns-tempfail", "smtp-4xx", "smtp-5xx", "timeout"]);
});
