// Why a delivery attempt (or the route look-up before it) failed. Stable machine-facing codes: they are
// stored in DeliveryAttempt.failureClass, audit data and metrics, and drive decide-outcome. The TLS ones
// follow TLS-RPT's result types (RFC 8460 §4.3); certificate-untrusted is its certificate-not-trusted.
export const FAILURE_CLASSES = [
  "starttls-not-supported",
  "tls-handshake-failed",
  "tls-version-too-old",
  "certificate-untrusted",
  "certificate-expired",
  "certificate-host-mismatch",
  "connect-failed",
  "timeout",
  "dns-tempfail",
  "no-mx",
  "smtp-4xx",
  "smtp-5xx",
] as const;

export type FailureClass = (typeof FAILURE_CLASSES)[number];
