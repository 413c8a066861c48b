import { NO_DNS_SAN } from "@/lib/delivery/check-certificate-name";
import type { FailureClass } from "@/lib/delivery/failure-class";
import type { SmtpFailure, SmtpTimeouts } from "@/lib/delivery/open-smtp-session";

// Maps one failed SMTP session to exactly one failure class and a sentence a sender can act on. nodemailer
// 8 reports most TLS problems as `ESOCKET` with the original code overwritten, so the TLS cases are told
// apart by the socket's authorizationError (chain and name checks) and the OpenSSL reason (negotiation).

export type FailureFacts = SmtpFailure & {
  mxHost: string;
  address: string;
  port: number;
  starttlsOffered: boolean | null;
  timeouts: SmtpTimeouts;
};

export type Classification = { failureClass: FailureClass; detail: string; permanent: boolean };

const UNTRUSTED_SELF_SIGNED = new Set(["DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN"]);
// OpenSSL reasons for "no protocol version in common" (the peer's alert, or our own check of its hello).
const OLD_PROTOCOL = /protocol version|unsupported protocol|no protocols available|legacy sigalg/i;
// Only 5xx replies to RCPT or DATA say the recipient or the message is wrong (RFC 5321 §4.2.1); a 5xx
// greeting, EHLO or MAIL reply is about this host or the sender, and the next MX may answer differently.
const RECIPIENT_COMMANDS = new Set(["RCPT TO", "DATA"]);

export function classifyError(facts: FailureFacts): Classification {
  const { error, mxHost: host } = facts;
  if (error.code === "ETIMEDOUT") return transient("timeout", describeTimeout(facts));
  if (facts.duringHandshake) return classifyHandshake(facts);
  if (error.code === "ENOTSECURE") return transient("starttls-not-supported", `${host} did not encrypt the session after STARTTLS`);
  if (error.command === "STARTTLS") {
    if (error.responseCode && error.responseCode < 500) {
      return transient("smtp-4xx", `${host} could not start TLS for now: ${oneLine(error.response)}`);
    }
    if (error.responseCode || facts.starttlsOffered === false) {
      const why = facts.starttlsOffered === false ? "offered no STARTTLS" : `refused STARTTLS: ${oneLine(error.response)}`;
      return transient("starttls-not-supported", `${host} ${why}, so the message could not be sent encrypted`);
    }
    return transient("tls-handshake-failed", `TLS could not be started with ${host}: ${error.message}`);
  }
  if (error.responseCode) return classifyReply(facts, error.responseCode);
  if (error.code === "EDNS") return transient("dns-tempfail", `the address of ${host} could not be looked up: ${error.message}`);
  return transient("connect-failed", `could not connect to ${host} (${facts.address} port ${facts.port}): ${describeNetworkError(error.message)}`);
}

function classifyHandshake(facts: FailureFacts): Classification {
  const { mxHost: host, authorizationError: check, certificate } = facts;
  if (check === NO_DNS_SAN) {
    return transient("certificate-host-mismatch", `the certificate of ${host} names no host in subjectAltName (only a common name), which is not accepted`);
  }
  if (check === "ERR_TLS_CERT_ALTNAME_INVALID") {
    const names = certificate?.certDnsNames.join(", ");
    return transient("certificate-host-mismatch", `the certificate of ${host} is for ${names || "other names"}, not for ${host}`);
  }
  if (check === "CERT_HAS_EXPIRED") {
    const when = certificate ? ` on ${formatDay(certificate.certValidTo)}` : "";
    return transient("certificate-expired", `the certificate for ${host} expired${when}`);
  }
  if (check === "CERT_NOT_YET_VALID") {
    const when = certificate ? ` until ${formatDay(certificate.certValidFrom)}` : " yet";
    return transient("certificate-expired", `the certificate for ${host} is not valid${when}`);
  }
  if (check && UNTRUSTED_SELF_SIGNED.has(check)) {
    return transient("certificate-untrusted", `the certificate for ${host} is self-signed, not issued by a trusted authority`);
  }
  if (check) {
    return transient("certificate-untrusted", `the certificate for ${host} could not be traced to a trusted authority (${check})`);
  }
  const reason = facts.error.reason ?? facts.error.message;
  if (OLD_PROTOCOL.test(reason)) return transient("tls-version-too-old", `${host} only offers TLS versions older than 1.2`);
  return transient("tls-handshake-failed", `the TLS handshake with ${host} failed: ${reason.trim()}`);
}

function classifyReply(facts: FailureFacts, code: number): Classification {
  const { error, mxHost: host } = facts;
  const reply = oneLine(error.response);
  const temporarily = code < 500 ? "temporarily " : "";
  const refused =
    error.command === "RCPT TO" ? `${temporarily}refused the recipient`
    : error.command === "DATA" ? `${temporarily}refused the message`
    : error.command === "MAIL FROM" ? `${temporarily}refused the sender`
    : error.command === "EHLO" ? `${temporarily}refused our EHLO`
    : `${temporarily}refused the connection`;
  const detail = `${host} ${refused}: ${reply}`;
  if (code < 500) return transient("smtp-4xx", detail);
  return { failureClass: "smtp-5xx", detail, permanent: RECIPIENT_COMMANDS.has(error.command ?? "") };
}

function describeTimeout(facts: FailureFacts): string {
  const { error, mxHost: host, timeouts } = facts;
  if (/^Connection timeout/.test(error.message)) {
    return `connecting to ${host} (${facts.address} port ${facts.port}) timed out after ${formatDuration(timeouts.connect)}`;
  }
  if (/^Greeting never received/.test(error.message)) return `${host} sent no greeting within ${formatDuration(timeouts.greeting)}`;
  if (facts.duringHandshake) return `the TLS handshake with ${host} did not finish within ${formatDuration(timeouts.socket)}`;
  return `${host} stopped answering (nothing for ${formatDuration(timeouts.socket)})`;
}

function describeNetworkError(message: string): string {
  if (/ECONNREFUSED/.test(message)) return "connection refused";
  if (/EHOSTUNREACH/.test(message)) return "host unreachable";
  if (/ENETUNREACH/.test(message)) return "network unreachable";
  if (/ECONNRESET/.test(message)) return "connection reset";
  if (/closed unexpectedly/i.test(message)) return "the server closed the connection";
  return message;
}

function transient(failureClass: FailureClass, detail: string): Classification {
  return { failureClass, detail, permanent: false };
}

function oneLine(reply: string | undefined): string {
  return (reply ?? "no reply").replace(/\s*\r?\n\s*/g, " ").trim().slice(0, 300);
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
