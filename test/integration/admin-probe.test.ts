import dns from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeProbe } from "@/app/(admin)/admin/policies/describe-probe";
import { DomainProbeError, runDomainProbe } from "@/lib/admin/run-domain-probe";
import { getDb } from "@/lib/db";
import { probeDomainTls } from "@/lib/delivery/probe-domain-tls";
import { setDomainPolicy } from "@/lib/delivery/set-domain-policy";
import { type DnsServer, type DnsZone, startDnsServer } from "@/test/support/dns-server";
import { type MxPeer, type MxPeerOptions, startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates, type TestCertificates } from "@/test/support/test-ca";

// The admin's "test this domain now" against real peers on loopback, found through a real DNS server: each
// certificate problem gets delivery's failure class, and no probe ever sends MAIL FROM, RCPT or DATA.

type Pair = keyof Omit<TestCertificates, "caCert">;
const CASES: Record<string, { pair: Pair; peer?: Partial<MxPeerOptions> }> = {
  good: { pair: "good" },
  plain: { pair: "good", peer: { starttls: false } },
  "self-signed": { pair: "selfSigned" },
  expired: { pair: "expired" },
  "wrong-name": { pair: "wrongName" },
};
const TIMEOUTS = { connect: 2_000, greeting: 2_000, socket: 2_000 };

let dnsServer: DnsServer;
let resolver: dns.promises.Resolver;
const peers = new Map<string, MxPeer>();
const cas: Buffer[] = [];

// Each case's MX is mx.<case>.test, with certificates for that name from its own test CA.
function probe(name: string) {
  const peer = peers.get(name)!;
  return probeDomainTls(`${name}.test`, { resolver, port: peer.port, ca: cas, heloName: "sealpost.test", timeouts: TIMEOUTS });
}

function expectNoMailSent(peer: MxPeer) {
  expect(peer.received).toEqual([]);
  for (const verb of ["MAIL", "RCPT", "DATA"]) expect(peer.commands).not.toContain(verb);
}

beforeAll(async () => {
  const zone: DnsZone = {};
  for (const [name, { pair, peer: options }] of Object.entries(CASES)) {
    const certs = await getTestCertificates(`mx.${name}.test`);
    cas.push(Buffer.from(certs.caCert));
    const peer = await startMxPeer({ ...certs[pair], ...options });
    peers.set(name, peer);
    zone[`${name}.test`] = { mx: [{ preference: 10, exchange: `mx.${name}.test` }] };
    zone[`mx.${name}.test`] = { a: [peer.host] };
  }
  // Four MX hosts: only the three most preferred are probed. All lead to the good peer, whose certificate
  // names mx.good.test only, so the other names fail the name check.
  zone["many.test"] = { mx: ["mx.good.test", "mx2.many.test", "mx3.many.test", "mx4.many.test"].map((exchange, i) => ({ preference: (i + 1) * 10, exchange })) };
  for (const n of [2, 3, 4]) zone[`mx${n}.many.test`] = { a: [peers.get("good")!.host] };
  dnsServer = await startDnsServer(zone, "127.0.0.54");
  resolver = new dns.promises.Resolver({ timeout: 1_000, tries: 1 });
  resolver.setServers([dnsServer.address]);
});

afterAll(async () => {
  await Promise.all([...peers.values()].map((peer) => peer.close()));
  await dnsServer?.close();
});

describe("probeDomainTls", () => {
  it("reports TLS 1.3, the cipher and the certificate of a good MX, and quits without sending mail", async () => {
    const peer = peers.get("good")!;
    const result = await probe("good");
    expect(result).toMatchObject({ domain: "good.test", ok: true, routeFailure: null });
    expect(result.results).toHaveLength(1);
    const mx = result.results[0]!;
    expect(mx).toMatchObject({ mxHost: "mx.good.test", mxIp: peer.host, port: peer.port, starttlsOffered: true, tlsProtocol: "TLSv1.3" });
    expect(mx).toMatchObject({ failureClass: null, failureDetail: null, certSubject: "CN=mx.good.test", certIssuer: "CN=Sealpost Test CA" });
    expect(mx.tlsCipher).toMatch(/^TLS_/);
    expect(mx.certValidTo!.getTime()).toBeGreaterThan(Date.now());
    await expect.poll(() => peer.commands).toEqual(["EHLO", "STARTTLS", "EHLO", "QUIT"]);
    expectNoMailSent(peer);
  });

  it("names the failure class of each broken MX and never sends mail to it", async () => {
    const expected: Record<string, string> = {
      plain: "starttls-not-supported",
      "self-signed": "certificate-untrusted",
      expired: "certificate-expired",
      "wrong-name": "certificate-host-mismatch",
    };
    const results = await Promise.all(Object.keys(expected).map(async (name) => [name, await probe(name)] as const));
    for (const [name, result] of results) {
      expect(result.ok, name).toBe(false);
      expect(result.results[0]?.failureClass, name).toBe(expected[name]);
      expect(result.results[0]?.tlsProtocol, name).toBeNull();
      expectNoMailSent(peers.get(name)!);
    }
    const byName = Object.fromEntries(results.map(([name, result]) => [name, result.results[0]!]));
    expect(byName.plain!.starttlsOffered).toBe(false);
    // The refused certificates are still described, read over a second session that sends nothing either.
    expect(byName.expired!.certValidTo!.getTime()).toBeLessThan(Date.now());
    expect(byName["self-signed"]!.certIssuer).toBe("CN=mx.self-signed.test");
  });

  it("probes the three most preferred MX hosts only", async () => {
    const result = await probeDomainTls("many.test", { resolver, port: peers.get("good")!.port, ca: cas, heloName: "sealpost.test", timeouts: TIMEOUTS });
    expect(result.results.map((mx) => mx.mxHost)).toEqual(["mx.good.test", "mx2.many.test", "mx3.many.test"]);
    expect(result.results.map((mx) => mx.failureClass)).toEqual([null, "certificate-host-mismatch", "certificate-host-mismatch"]);
    expect(result.ok).toBe(false);
  });

  it("reports a domain without mail servers without connecting anywhere", async () => {
    const result = await probeDomainTls("missing.test", { resolver, timeouts: TIMEOUTS });
    expect(result).toMatchObject({ ok: false, results: [], routeFailure: { failureClass: "no-mx" } });
  });
});

describe("the probe in plain words", () => {
  it("says what happens to mail under the domain's policy", async () => {
    const plain = await probe("plain");
    const escrow = describeProbe({ ...plain, policy: "tls-or-escrow" }, "en");
    expect(escrow.mx.map((mx) => mx.sentence)).toEqual(["mx.plain.test: offered no STARTTLS. Messages will be escrowed (kept in the portal)."]);
    expect(escrow.summary).toBe("No mail server passed: messages will be kept in the portal and recipients get a link.");
    expect(describeProbe({ ...plain, policy: "tls-only" }, "en").mx[0]?.sentence).toBe("mx.plain.test: offered no STARTTLS. Messages will be dropped (tls-only).");
    const expired = describeProbe({ ...(await probe("expired")), policy: "tls-or-escrow" }, "de");
    expect(expired.mx[0]?.sentence).toMatch(/^mx\.expired\.test: .+ Nachrichten werden im Portal aufbewahrt\.$/);
    const good = describeProbe({ ...(await probe("good")), policy: "escrow-always" }, "en");
    expect(good.summary).toMatch(/^This domain's policy is 'always the portal'/);
    expect(good.mx[0]?.sentence).toMatch(/^mx\.good\.test: TLS 1\.3 \(TLS_\w+\), certificate valid until .+ UTC: would be delivered over TLS\.$/);
  });
});

describe("runDomainProbe", () => {
  const admin = { id: "probe-admin", email: "ada@org.test", name: "Ada", role: "admin" as const };

  it("audits the result with the policy in force, and throttles an admin after ten probes a minute", async () => {
    await setDomainPolicy("plain.test", "tls-only", { type: "system" });
    const peer = peers.get("plain")!;
    const options = { resolver, port: peer.port, ca: cas, heloName: "sealpost.test", timeouts: TIMEOUTS };
    const report = await runDomainProbe(admin, "Plain.Test", { sourceIp: "192.0.2.9" }, options);
    expect(report).toMatchObject({ domain: "plain.test", ok: false, policy: "tls-only" });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { type: "domain_policy.probed" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ actorId: admin.id, sourceIp: "192.0.2.9", outcome: "failure" });
    expect(JSON.parse(event.data)).toEqual({
      domain: "plain.test",
      ok: false,
      results: [{ mxHost: "mx.plain.test", mxIp: peer.host, failureClass: "starttls-not-supported" }],
    });

    for (let i = 1; i < 10; i++) await runDomainProbe(admin, "missing.test", {}, { resolver, timeouts: TIMEOUTS });
    const refused = await runDomainProbe(admin, "missing.test", {}, { resolver, timeouts: TIMEOUTS }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainProbeError);
    expect((refused as DomainProbeError).code).toBe("throttled");
    expect((refused as DomainProbeError).retryAfterMs).toBeGreaterThan(0);
    expect(await getDb().auditEvent.count({ where: { type: "domain_policy.probed", actorId: admin.id } })).toBe(10);
  });

  it("refuses what is not a domain and anyone but an admin", async () => {
    const other = { ...admin, id: "probe-admin-2" };
    await expect(runDomainProbe(other, ".example.com")).rejects.toMatchObject({ code: "invalid-domain" });
    await expect(runDomainProbe({ ...other, role: "sender" }, "good.test")).rejects.toThrow(/Access denied/);
  });
});
