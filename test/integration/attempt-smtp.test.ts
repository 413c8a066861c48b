import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSmtp, type AttemptSmtpInput } from "@/lib/delivery/attempt-smtp";
import {
  findClosedPort,
  startBrokenTlsPeer,
  startMxPeer,
  startSilentPeer,
  type MxPeer,
  type MxPeerOptions,
} from "@/test/support/mx-peer";
import { getTestCertificates, type TestCertificates } from "@/test/support/test-ca";

// One delivery attempt against real SMTP peers on loopback, one peer per behaviour from issue 2's matrix.
// Every TLS failure must leave the peer without MAIL or DATA: nothing crossed an unverified connection.

const MX = "mx.test";
const MESSAGE = Buffer.from(
  "From: Alice <alice@sealpost.test>\r\nTo: bob@example.test\r\nSubject: Quarterly figures\r\n\r\n" +
    "Line one\r\n.leading dot must survive\r\n\r\nLast line\r\n",
);

let certs: TestCertificates;
const peers: MxPeer[] = [];

async function peer(opts: Partial<MxPeerOptions> & { pair?: keyof Omit<TestCertificates, "caCert"> }): Promise<MxPeer> {
  const { pair = "good", ...rest } = opts;
  const started = await startMxPeer({ ...certs[pair], ...rest });
  peers.push(started);
  return started;
}

async function track(started: Promise<MxPeer>): Promise<MxPeer> {
  const p = await started;
  peers.push(p);
  return p;
}

function attempt(target: { host: string; port: number }, overrides: Partial<AttemptSmtpInput> = {}) {
  return attemptSmtp({
    host: MX,
    address: target.host,
    port: target.port,
    mode: "verify",
    envelope: { from: "alice@sealpost.test", to: ["bob@example.test"] },
    message: MESSAGE,
    ca: [Buffer.from(certs.caCert)],
    heloName: "sealpost.test",
    timeouts: { connect: 2_000, greeting: 2_000, socket: 2_000 },
    ...overrides,
  });
}

function expectNothingSent(p: MxPeer) {
  expect(p.received).toEqual([]);
  expect(p.commands).not.toContain("MAIL");
  expect(p.commands).not.toContain("DATA");
}

beforeAll(async () => {
  certs = await getTestCertificates(MX);
});

afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
});

describe("attemptSmtp in verify mode", () => {
  it("delivers the exact bytes over verified TLS and records the session", async () => {
    const mx = await peer({});
    const record = await attempt(mx);

    expect(record).toMatchObject({ outcome: "delivered", failureClass: null, failureDetail: null, permanent: false });
    expect(record).toMatchObject({ mxHost: MX, mxIp: mx.host, port: mx.port, starttlsOffered: true });
    expect(["TLSv1.3", "TLSv1.2"]).toContain(record.tlsProtocol);
    expect(record.tlsCipher).toMatch(/^TLS_/);
    expect(record.certSubject).toBe(`CN=${MX}`);
    expect(record.certIssuer).toBe("CN=Sealpost Test CA");
    expect(record.certFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(record.certValidTo!.getTime()).toBeGreaterThan(Date.now());
    expect(record.certValidFrom!.getTime()).toBeLessThan(Date.now());

    expect(mx.received).toHaveLength(1);
    const [got] = mx.received;
    expect(got!.data.equals(MESSAGE)).toBe(true);
    expect(got).toMatchObject({ secure: true, servername: MX, tlsProtocol: record.tlsProtocol });
    expect(got!.envelope).toEqual({ from: "alice@sealpost.test", to: ["bob@example.test"] });

    const commands = record.smtpReplies.map((r) => r.command);
    expect(commands).toEqual([
      "(connect)", "EHLO sealpost.test", "STARTTLS", "EHLO sealpost.test",
      "MAIL FROM:<alice@sealpost.test>", "RCPT TO:<bob@example.test>", "DATA", "(end of data)", "QUIT",
    ]);
    expect(record.smtpReplies.find((r) => r.command === "(end of data)")!.reply).toMatch(/^250/);
    expect(JSON.stringify(record.smtpReplies)).not.toContain("Quarterly");
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("refuses a peer without STARTTLS and sends it nothing", async () => {
    const mx = await peer({ starttls: false });
    const record = await attempt(mx);
    expect(record).toMatchObject({ outcome: "failed", failureClass: "starttls-not-supported", permanent: false, starttlsOffered: false, tlsProtocol: null });
    expect(record.failureDetail).toBe(`${MX} offered no STARTTLS, so the message could not be sent encrypted`);
    expectNothingSent(mx);
  });

  it("classifies a handshake that breaks after STARTTLS", async () => {
    const mx = await track(startBrokenTlsPeer());
    const record = await attempt(mx);
    expect(record).toMatchObject({ outcome: "failed", failureClass: "tls-handshake-failed", starttlsOffered: true, tlsProtocol: null });
    expect(record.failureDetail).toBe(`the TLS handshake with ${MX} failed: wrong version number`);
    expect(record.smtpReplies.at(-1)).toEqual({ command: "STARTTLS", reply: "220 Go ahead" });
    expectNothingSent(mx);
  });

  it.each([
    { pair: "selfSigned", failureClass: "certificate-untrusted", detail: `the certificate for ${MX} is self-signed, not issued by a trusted authority` },
    { pair: "expired", failureClass: "certificate-expired", detail: /^the certificate for mx\.test expired on \d{4}-\d{2}-\d{2}$/ },
    { pair: "notYetValid", failureClass: "certificate-expired", detail: /^the certificate for mx\.test is not valid until \d{4}-\d{2}-\d{2}$/ },
    { pair: "wrongName", failureClass: "certificate-host-mismatch", detail: `the certificate of ${MX} is for other.${MX}, not for ${MX}` },
    { pair: "cnOnly", failureClass: "certificate-host-mismatch", detail: /names no host in subjectAltName/ },
  ] as const)("refuses the $pair certificate as $failureClass", async ({ pair, failureClass, detail }) => {
    const mx = await peer({ pair });
    const record = await attempt(mx);
    expect(record).toMatchObject({ outcome: "failed", failureClass, permanent: false, tlsProtocol: null });
    if (typeof detail === "string") expect(record.failureDetail).toBe(detail);
    else expect(record.failureDetail).toMatch(detail);
    // The refused certificate is still recorded, so the recipient's admin can be told which one it was.
    expect(record.certSubject).toBe(`CN=${MX}`);
    expect(record.certFingerprint).toMatch(/^[0-9A-F:]{95}$/);
    expectNothingSent(mx);
  });

  it("matches a wildcard certificate only one label deep", async () => {
    const mx = await peer({ pair: "wildcard" });
    expect(await attempt(mx, { host: `a.${MX}` })).toMatchObject({ outcome: "delivered", failureClass: null });
    expect(await attempt(mx, { host: `b.a.${MX}` })).toMatchObject({ outcome: "failed", failureClass: "certificate-host-mismatch" });
    expect(mx.received).toHaveLength(1);
  });

  it("refuses a peer that only speaks TLS 1.0/1.1", async () => {
    const mx = await peer({ tlsVersions: { min: "TLSv1", max: "TLSv1.1" } });
    const record = await attempt(mx);
    expect(record).toMatchObject({ outcome: "failed", failureClass: "tls-version-too-old", tlsProtocol: null });
    expect(record.failureDetail).toBe(`${MX} only offers TLS versions older than 1.2`);
    expectNothingSent(mx);
  });

  it("treats a 421 greeting as a temporary host failure", async () => {
    const mx = await peer({ greeting: { code: 421, message: "Too busy, try later" } });
    const record = await attempt(mx);
    expect(record).toMatchObject({ outcome: "failed", failureClass: "smtp-4xx", permanent: false, starttlsOffered: null });
    expect(record.failureDetail).toBe(`${MX} temporarily refused the connection: 421 Too busy, try later`);
    expect(record.smtpReplies).toEqual([{ command: "(connect)", reply: "421 Too busy, try later" }]);
  });

  it("reports 451 on RCPT as temporary and delivers on the next attempt", async () => {
    const mx = await peer({ rcpt: (index) => (index < 1 ? { code: 451, message: "Greylisted, come back later" } : undefined) });
    const first = await attempt(mx);
    expect(first).toMatchObject({ outcome: "failed", failureClass: "smtp-4xx", permanent: false });
    expect(first.failureDetail).toBe(`${MX} temporarily refused the recipient: 451 Greylisted, come back later`);
    expect(first.tlsProtocol).not.toBeNull();
    expect(mx.received).toEqual([]);

    const second = await attempt(mx);
    expect(second).toMatchObject({ outcome: "delivered", failureClass: null });
    expect(mx.received).toHaveLength(1);
  });

  it("reports 550 on RCPT as permanent and sends no DATA", async () => {
    const mx = await peer({ rcpt: () => ({ code: 550, message: "No such user here" }) });
    const record = await attempt(mx);
    expect(record).toMatchObject({ outcome: "failed", failureClass: "smtp-5xx", permanent: true });
    expect(record.failureDetail).toBe(`${MX} refused the recipient: 550 No such user here`);
    expect(record.tlsProtocol).not.toBeNull();
    expect(mx.commands).toContain("RCPT");
    expect(mx.commands).not.toContain("DATA");
    expect(mx.received).toEqual([]);
  });

  it("reports a refused connection as connect-failed", async () => {
    const closed = await findClosedPort();
    const record = await attempt(closed);
    expect(record).toMatchObject({ outcome: "failed", failureClass: "connect-failed", permanent: false, starttlsOffered: null, smtpReplies: [] });
    expect(record.failureDetail).toBe(`could not connect to ${MX} (${closed.host} port ${closed.port}): connection refused`);
  });

  it("gives up on a greeting that never comes", async () => {
    const mx = await track(startSilentPeer());
    const started = Date.now();
    const record = await attempt(mx, { timeouts: { connect: 2_000, greeting: 1_000, socket: 3_000 } });
    expect(record).toMatchObject({ outcome: "failed", failureClass: "timeout", permanent: false });
    expect(record.failureDetail).toBe(`${MX} sent no greeting within 1 s`);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});

describe("attemptSmtp in opportunistic mode", () => {
  it("delivers in plaintext to a peer without STARTTLS", async () => {
    const mx = await peer({ starttls: false });
    const record = await attempt(mx, { mode: "opportunistic" });
    expect(record).toMatchObject({ outcome: "delivered", failureClass: null, starttlsOffered: false, tlsProtocol: null, certFingerprint: null });
    expect(mx.received).toHaveLength(1);
    expect(mx.received[0]).toMatchObject({ secure: false });
    expect(mx.received[0]!.data.equals(MESSAGE)).toBe(true);
  });

  it("delivers over TLS to a peer with a self-signed certificate", async () => {
    const mx = await peer({ pair: "selfSigned" });
    const record = await attempt(mx, { mode: "opportunistic", ca: [] });
    expect(record).toMatchObject({ outcome: "delivered", failureClass: null, starttlsOffered: true, certIssuer: `CN=${MX}` });
    expect(["TLSv1.3", "TLSv1.2"]).toContain(record.tlsProtocol);
    expect(mx.received[0]).toMatchObject({ secure: true });
  });

  it("retries in plaintext when the handshake fails, as Postfix `may` does", async () => {
    const mx = await peer({ tlsVersions: { min: "TLSv1", max: "TLSv1.1" } });
    const record = await attempt(mx, { mode: "opportunistic" });
    expect(record).toMatchObject({ outcome: "delivered", failureClass: null, starttlsOffered: true, tlsProtocol: null });
    expect(record.smtpReplies.filter((r) => r.command === "(connect)")).toHaveLength(2);
    expect(mx.received).toHaveLength(1);
    expect(mx.received[0]).toMatchObject({ secure: false });
  });
});
