import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { type DnsZone, startDnsServer } from "@/test/support/dns-server";
import { type MxPeer, startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";

// Real peers on loopback: a DNS server found through DNS_SERVERS, smtp-server MX hosts with certificates from a
// test CA carrying each MX name. All MX hosts of a domain share DELIVERY_PORT, as on the internet, so peers on
// other ports are reached through a plain TCP forwarder on a fresh loopback address and that port.

type Forwarder = { host: string; close(): Promise<void> };

let forwarderAddress = 240;
async function forwardTo(peer: MxPeer, port: number): Promise<Forwarder> {
  const host = `127.0.0.${forwarderAddress++}`;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(peer.port, peer.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { host, close };
}

const [primary, secondary, refusing, implicit, relay] = await Promise.all(
  ["mx1.deliver.test", "mx2.deliver.test", "mx1.refuse.test", "implicit.test", "relay.deliver.test"].map((name) => getTestCertificates(name)),
);
const ca = [primary!, secondary!, refusing!, implicit!, relay!].map((c) => Buffer.from(c.caCert));

const validMx = await startMxPeer(secondary!.good);
const port = validMx.port;
const peers = {
  validMx,
  noTls: await startMxPeer({ ...primary!.good, starttls: false }),
  refusing: await startMxPeer({ ...refusing!.good, rcpt: () => ({ code: 550, message: "5.1.1 No such user" }) }),
  implicit: await startMxPeer(implicit!.good),
  relay: await startMxPeer(relay!.good),
};
const forwarders = {
  noTls: await forwardTo(peers.noTls, port),
  refusing: await forwardTo(peers.refusing, port),
  implicit: await forwardTo(peers.implicit, port),
};
// Nothing listens on these addresses: each connection is refused at once.
const closed = ["127.0.0.250", "127.0.0.251", "127.0.0.252", "127.0.0.253", "127.0.0.254", "127.0.1.250"];

const zone: DnsZone = {
  "deliver.test": { mx: [{ preference: 20, exchange: "mx2.deliver.test" }, { preference: 10, exchange: "mx1.deliver.test" }] },
  "mx1.deliver.test": { a: [forwarders.noTls.host] },
  "mx2.deliver.test": { a: [validMx.host] },
  "refuse.test": { mx: [{ preference: 10, exchange: "mx1.refuse.test" }, { preference: 20, exchange: "mx2.deliver.test" }] },
  "mx1.refuse.test": { a: [forwarders.refusing.host] },
  "implicit.test": { a: [forwarders.implicit.host] },
  "null.test": { mx: [{ preference: 0, exchange: "" }] },
  "servfail.test": { fail: "SERVFAIL" },
  "many.test": { mx: [{ preference: 10, exchange: "a.many.test" }, { preference: 20, exchange: "b.many.test" }] },
  "a.many.test": { a: closed.slice(0, 3) },
  "b.many.test": { a: closed.slice(3) },
  "relay.deliver.test": { a: [peers.relay.host] },
};
const dns = await startDnsServer(zone);

process.env.DNS_SERVERS = dns.address;
process.env.DELIVERY_PORT = String(port);
process.env.HELO_NAME = "sealpost.test";
process.env.TRANSPORT_MAP = `relayed.test=relay.deliver.test:${peers.relay.port}`;
const { deliverToDomain } = await import("@/lib/delivery/deliver-to-domain");

afterAll(async () => {
  await Promise.all([...Object.values(peers), ...Object.values(forwarders), dns].map((s) => s.close()));
});

const message = Buffer.from("From: a@sender.test\r\nTo: b@deliver.test\r\nSubject: hello\r\n\r\nmarker-body-7d1f\r\n");
const timeouts = { connect: 2_000, greeting: 2_000, socket: 3_000 };
const send = (domain: string, extra: { maxAddresses?: number } = {}) =>
  deliverToDomain({ domain, envelope: { from: "a@sender.test", to: [`b@${domain}`] }, message, mode: "verify", ca, timeouts, ...extra });

describe("deliverToDomain", () => {
  it("skips an MX without STARTTLS and delivers to the next one over verified TLS, recording both attempts", async () => {
    const result = await send("deliver.test");

    expect(result.delivered).toBe(true);
    expect(result.routeFailure).toBeUndefined();
    expect(result.attempts).toHaveLength(2);
    const [first, second] = result.attempts;
    expect(first).toMatchObject({ mxHost: "mx1.deliver.test", mxIp: forwarders.noTls.host, port, starttlsOffered: false, outcome: "failed", failureClass: "starttls-not-supported", tlsProtocol: null });
    expect(second).toMatchObject({ mxHost: "mx2.deliver.test", mxIp: validMx.host, port, starttlsOffered: true, outcome: "delivered", failureClass: null });
    expect(second?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(second?.certFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    // Nothing but EHLO/STARTTLS crossed the plaintext connection.
    expect(peers.noTls.received).toEqual([]);
    expect(peers.noTls.commands).not.toContain("MAIL");
    expect(peers.noTls.commands).not.toContain("DATA");
    const delivered = validMx.received.at(-1);
    expect(delivered).toMatchObject({ envelope: { from: "a@sender.test", to: ["b@deliver.test"] }, secure: true, servername: "mx2.deliver.test" });
    expect(delivered?.data.toString()).toContain("marker-body-7d1f");
  });

  it("stops at a permanent 5xx on RCPT instead of trying the next MX", async () => {
    const before = validMx.received.length;
    const result = await send("refuse.test");

    expect(result.delivered).toBe(false);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]).toMatchObject({ mxHost: "mx1.refuse.test", failureClass: "smtp-5xx", permanent: true });
    expect(result.attempts[0]?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(validMx.received.length).toBe(before);
  });

  it("delivers to the domain's own address when it has no MX (implicit MX)", async () => {
    const result = await send("implicit.test");

    expect(result).toMatchObject({ delivered: true, attempts: [{ mxHost: "implicit.test", mxIp: forwarders.implicit.host, outcome: "delivered" }] });
    expect(peers.implicit.received.at(-1)?.servername).toBe("implicit.test");
  });

  it("follows the transport map to a relay named in DNS, on the relay's own port", async () => {
    const result = await send("relayed.test");

    expect(result).toMatchObject({ delivered: true, attempts: [{ mxHost: "relay.deliver.test", mxIp: peers.relay.host, port: peers.relay.port }] });
    expect(peers.relay.received.at(-1)?.envelope.to).toEqual(["b@relayed.test"]);
  });

  it("returns the route failure without connecting: null MX, NXDOMAIN, SERVFAIL", async () => {
    expect(await send("null.test")).toEqual({ attempts: [], delivered: false, routeFailure: { failureClass: "no-mx", detail: expect.stringContaining("null MX") } });
    expect(await send("nowhere.test")).toEqual({ attempts: [], delivered: false, routeFailure: { failureClass: "no-mx", detail: expect.stringContaining("NXDOMAIN") } });
    expect(await send("servfail.test")).toEqual({ attempts: [], delivered: false, routeFailure: { failureClass: "dns-tempfail", detail: expect.stringContaining("ESERVFAIL") } });
  });

  it("tries at most five addresses across all MX hosts, in MX order (smtp_mx_address_limit)", async () => {
    const result = await send("many.test");

    expect(result.delivered).toBe(false);
    expect(result.attempts.map((a) => [a.mxHost, a.failureClass])).toEqual([
      ["a.many.test", "connect-failed"],
      ["a.many.test", "connect-failed"],
      ["a.many.test", "connect-failed"],
      ["b.many.test", "connect-failed"],
      ["b.many.test", "connect-failed"],
    ]);
    expect((await send("many.test", { maxAddresses: 2 })).attempts).toHaveLength(2);
  });
});
