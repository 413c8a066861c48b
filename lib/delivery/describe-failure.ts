import type { FailureClass } from "@/lib/delivery/failure-class";

// Plain words for each failure class, for people: sender notices, audit reasons, status pages. The class
// names themselves stay the stable machine-facing codes.
const DESCRIPTIONS: Record<FailureClass, string> = {
  "starttls-not-supported": "The recipient's mail server does not offer encryption (STARTTLS).",
  "tls-handshake-failed": "An encrypted connection to the recipient's mail server could not be set up.",
  "tls-version-too-old": "The recipient's mail server only offers outdated encryption (older than TLS 1.2).",
  "certificate-untrusted": "The recipient's mail server presented a certificate that is not from a trusted authority.",
  "certificate-expired": "The recipient's mail server presented an expired certificate.",
  "certificate-host-mismatch": "The recipient's mail server presented a certificate for a different name.",
  "connect-failed": "The recipient's mail server could not be reached.",
  timeout: "The recipient's mail server did not answer in time.",
  "dns-tempfail": "The recipient's domain could not be looked up (a temporary DNS failure).",
  "no-mx": "The recipient's domain does not accept email.",
  "smtp-4xx": "The recipient's mail server temporarily refused the message.",
  "smtp-5xx": "The recipient's mail server rejected the address or the message.",
};

export function describeFailure(failureClass: FailureClass | null): string {
  return failureClass === null ? "No failure was recorded." : DESCRIPTIONS[failureClass];
}
