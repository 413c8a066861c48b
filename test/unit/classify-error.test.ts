import { describe, expect, it } from "vitest";
import { classifyError, type FailureFacts } from "@/lib/delivery/classify-error";
import { NO_DNS_SAN } from "@/lib/delivery/check-certificate-name";
import type { CertificateDetails } from "@/lib/delivery/read-tls-details";

// The error shapes below are the ones nodemailer 8 produces (code overwritten to ESOCKET/ETLS/…, command,
// responseCode, OpenSSL `reason`); the integration test covers the ones a local peer can provoke.

const HOST = "mx1.example.com";

type ErrorFields = { message: string; code?: string; command?: string; responseCode?: number; response?: string; reason?: string };

function facts(error: ErrorFields, extra: Partial<FailureFacts> = {}): FailureFacts {
  return {
    error: Object.assign(new Error(error.message), error),
    duringHandshake: false,
    authorizationError: null,
    certificate: null,
    mxHost: HOST,
    address: "192.0.2.10",
    port: 25,
    starttlsOffered: true,
    timeouts: { connect: 30_000, greeting: 30_000, socket: 120_000 },
    ...extra,
  };
}

const certificate: CertificateDetails = {
  certSubject: "CN=mail.other.example",
  certIssuer: "CN=Some CA",
  certFingerprint: "AB:CD",
  certValidFrom: new Date("2025-01-02T00:00:00Z"),
  certValidTo: new Date("2026-01-02T12:00:00Z"),
  certDnsNames: ["mail.other.example", "other.example"],
};

const handshake = (authorizationError: string | null, extra: Partial<FailureFacts> = {}) =>
  facts({ message: "x", code: "ESOCKET", command: "CONN" }, { duringHandshake: true, authorizationError, ...extra });

describe("classifyError: STARTTLS", () => {
  it("says plainly when STARTTLS was not offered", () => {
    const result = classifyError(
      facts({ message: "Error upgrading connection with STARTTLS", code: "ETLS", command: "STARTTLS", responseCode: 500, response: "500 5.5.1 Error: command not recognized" }, { starttlsOffered: false }),
    );
    expect(result).toEqual({
      failureClass: "starttls-not-supported",
      detail: `${HOST} offered no STARTTLS, so the message could not be sent encrypted`,
      permanent: false,
    });
  });

  it("ignores nodemailer's permanent flag on a 5xx to an advertised STARTTLS", () => {
    const result = classifyError(facts({ message: "x", code: "ETLS", command: "STARTTLS", responseCode: 502, response: "502 5.5.1 Error: command not implemented" }));
    expect(result).toMatchObject({ failureClass: "starttls-not-supported", permanent: false });
    expect(result.detail).toBe(`${HOST} refused STARTTLS: 502 5.5.1 Error: command not implemented, so the message could not be sent encrypted`);
  });

  it("treats 454 to STARTTLS as temporary", () => {
    const result = classifyError(facts({ message: "x", code: "ETLS", command: "STARTTLS", responseCode: 454, response: "454 4.7.0 TLS not available due to local problem" }));
    expect(result).toEqual({ failureClass: "smtp-4xx", detail: `${HOST} could not start TLS for now: 454 4.7.0 TLS not available due to local problem`, permanent: false });
  });

  it("refuses a session that is not encrypted after STARTTLS", () => {
    expect(classifyError(facts({ message: "x", code: "ENOTSECURE", command: "STARTTLS" }))).toMatchObject({ failureClass: "starttls-not-supported" });
  });
});

describe("classifyError: certificates", () => {
  it("dates an expired certificate", () => {
    expect(classifyError(handshake("CERT_HAS_EXPIRED", { certificate }))).toEqual({
      failureClass: "certificate-expired",
      detail: `the certificate for ${HOST} expired on 2026-01-02`,
      permanent: false,
    });
    expect(classifyError(handshake("CERT_HAS_EXPIRED")).detail).toBe(`the certificate for ${HOST} expired`);
  });

  it("counts a not-yet-valid certificate as expired", () => {
    expect(classifyError(handshake("CERT_NOT_YET_VALID", { certificate }))).toMatchObject({
      failureClass: "certificate-expired",
      detail: `the certificate for ${HOST} is not valid until 2025-01-02`,
    });
  });

  it.each(["DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"])(
    "calls %s untrusted",
    (code) => {
      expect(classifyError(handshake(code))).toMatchObject({ failureClass: "certificate-untrusted", permanent: false });
    },
  );

  it("names the hosts a mismatched certificate is for", () => {
    expect(classifyError(handshake("ERR_TLS_CERT_ALTNAME_INVALID", { certificate }))).toMatchObject({
      failureClass: "certificate-host-mismatch",
      detail: `the certificate of ${HOST} is for mail.other.example, other.example, not for ${HOST}`,
    });
  });

  it("refuses a certificate without DNS SAN as a host mismatch", () => {
    expect(classifyError(handshake(NO_DNS_SAN)).failureClass).toBe("certificate-host-mismatch");
  });
});

describe("classifyError: TLS negotiation", () => {
  it.each(["tlsv1 alert protocol version", "unsupported protocol", "no protocols available"])("reads %s as an old TLS version", (reason) => {
    expect(classifyError(handshake(null, { error: Object.assign(new Error("x"), { code: "ESOCKET", reason }) }))).toMatchObject({
      failureClass: "tls-version-too-old",
      detail: `${HOST} only offers TLS versions older than 1.2`,
    });
  });

  it("reads a reset or a closed socket mid-handshake as a failed handshake", () => {
    const reset = facts({ message: "Client network socket disconnected before secure TLS connection was established", code: "ESOCKET", command: "CONN" }, { duringHandshake: true });
    expect(classifyError(reset).failureClass).toBe("tls-handshake-failed");
    const closed = facts({ message: "Connection closed unexpectedly", code: "ETLS", command: "CONN" }, { duringHandshake: true });
    expect(classifyError(closed).failureClass).toBe("tls-handshake-failed");
  });

  it("reads a handshake that stalls as a timeout", () => {
    const stalled = facts({ message: "Timeout", code: "ETIMEDOUT", command: "CONN" }, { duringHandshake: true });
    expect(classifyError(stalled)).toMatchObject({ failureClass: "timeout", detail: `the TLS handshake with ${HOST} did not finish within 120 s` });
  });
});

describe("classifyError: network", () => {
  it.each([
    ["Connection timeout", `connecting to ${HOST} (192.0.2.10 port 25) timed out after 30 s`],
    ["Greeting never received", `${HOST} sent no greeting within 30 s`],
    ["Timeout", `${HOST} stopped answering (nothing for 120 s)`],
  ])("words the %s timeout", (message, detail) => {
    expect(classifyError(facts({ message, code: "ETIMEDOUT", command: "CONN" }))).toEqual({ failureClass: "timeout", detail, permanent: false });
  });

  it.each([
    ["connect ECONNREFUSED 192.0.2.10:25", "connection refused"],
    ["connect EHOSTUNREACH 192.0.2.10:25", "host unreachable"],
    ["Connection closed unexpectedly", "the server closed the connection"],
  ])("calls %s connect-failed", (message, words) => {
    expect(classifyError(facts({ message, code: message.startsWith("connect") ? "ESOCKET" : "ECONNECTION", command: "CONN" }))).toEqual({
      failureClass: "connect-failed",
      detail: `could not connect to ${HOST} (192.0.2.10 port 25): ${words}`,
      permanent: false,
    });
  });

  it("calls a failed address look-up dns-tempfail", () => {
    expect(classifyError(facts({ message: "queryA ESERVFAIL mx1.example.com", code: "EDNS", command: "CONN" })).failureClass).toBe("dns-tempfail");
  });
});

describe("classifyError: SMTP replies", () => {
  const reply = (command: string, response: string, code = "EENVELOPE") =>
    classifyError(facts({ message: "x", code, command, response, responseCode: Number(response.slice(0, 3)) }));

  it("keeps greeting and EHLO refusals host-level, even 5xx", () => {
    expect(reply("CONN", "421 4.3.2 Too busy", "EPROTOCOL")).toEqual({ failureClass: "smtp-4xx", detail: `${HOST} temporarily refused the connection: 421 4.3.2 Too busy`, permanent: false });
    expect(reply("CONN", "554 5.7.1 No SMTP service here", "EPROTOCOL")).toMatchObject({ failureClass: "smtp-5xx", permanent: false });
    expect(reply("EHLO", "421 4.7.0 Closing", "ECONNECTION")).toMatchObject({ failureClass: "smtp-4xx", permanent: false });
    expect(reply("EHLO", "550 5.7.1 Go away", "ECONNECTION")).toMatchObject({ failureClass: "smtp-5xx", permanent: false });
  });

  it("does not bounce on a refused sender", () => {
    expect(reply("MAIL FROM", "553 5.7.1 Sender not allowed")).toMatchObject({ failureClass: "smtp-5xx", permanent: false, detail: `${HOST} refused the sender: 553 5.7.1 Sender not allowed` });
  });

  it("makes only 5xx on RCPT and DATA permanent", () => {
    expect(reply("RCPT TO", "550 5.1.1 No such user")).toEqual({ failureClass: "smtp-5xx", detail: `${HOST} refused the recipient: 550 5.1.1 No such user`, permanent: true });
    expect(reply("RCPT TO", "452 4.2.2 Mailbox full")).toMatchObject({ failureClass: "smtp-4xx", permanent: false });
    expect(reply("DATA", "554 5.6.0 Message rejected", "EMESSAGE")).toMatchObject({ failureClass: "smtp-5xx", permanent: true, detail: `${HOST} refused the message: 554 5.6.0 Message rejected` });
    expect(reply("DATA", "451 4.3.0 Try again", "EMESSAGE")).toMatchObject({ failureClass: "smtp-4xx", permanent: false });
    expect(reply("RCPT TO", "421 4.4.2 Closing connection")).toMatchObject({ failureClass: "smtp-4xx", permanent: false });
  });

  it("folds a multi-line reply onto one line", () => {
    expect(reply("RCPT TO", "550-5.1.1 No such user\n550 5.1.1 See https://example.com/help").detail).toBe(
      `${HOST} refused the recipient: 550-5.1.1 No such user 550 5.1.1 See https://example.com/help`,
    );
  });
});
