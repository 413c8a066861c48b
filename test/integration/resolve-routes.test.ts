import dns from "node:dns";
import { afterAll, describe, expect, it } from "vitest";
import { type DnsZone, startDnsServer } from "@/test/support/dns-server";

// A real DNS server on loopback; the code under test finds it through DNS_SERVERS, as the app would.
const zone: DnsZone = {
  "two-mx.test": { mx: [{ preference: 20, exchange: "mx-b.two-mx.test" }, { preference: 10, exchange: "mx-a.two-mx.test" }] },
  "mx-a.two-mx.test": { a: ["127.0.0.61"] },
  "mx-b.two-mx.test": { a: ["127.0.0.62"], aaaa: ["::1"] },
  "equal.test": { mx: ["e1", "e2", "e3", "e4"].map((e) => ({ preference: 10, exchange: `${e}.equal.test` })).concat({ preference: 5, exchange: "first.equal.test" }) },
  "first.equal.test": { a: ["127.0.0.70"] },
  "e1.equal.test": { a: ["127.0.0.71"] },
  "e2.equal.test": { a: ["127.0.0.72"] },
  "e3.equal.test": { a: ["127.0.0.73"] },
  "e4.equal.test": { a: ["127.0.0.74"] },
  "half.test": { mx: [{ preference: 10, exchange: "mx.half.test" }] },
  "mx.half.test": { a: ["127.0.0.63"], fail: { AAAA: "SERVFAIL" } },
  "implicit.test": { a: ["127.0.0.64"], aaaa: ["::1"] },
  "nothing.test": { txt: ["v=spf1 -all"] },
  "implicit-tempfail.test": { fail: { A: "SERVFAIL", AAAA: "SERVFAIL" } },
  "null.test": { mx: [{ preference: 0, exchange: "" }] },
  "servfail.test": { fail: "SERVFAIL" },
  "refused.test": { fail: { MX: "REFUSED" } },
  "skip.test": { mx: [{ preference: 10, exchange: "gone.skip.test" }, { preference: 20, exchange: "mx.skip.test" }, { preference: 30, exchange: "flaky.skip.test" }] },
  "mx.skip.test": { a: ["127.0.0.65"] },
  "flaky.skip.test": { fail: "SERVFAIL" },
  "all-gone.test": { mx: [{ preference: 10, exchange: "gone.all-gone.test" }] },
  "all-flaky.test": { mx: [{ preference: 10, exchange: "gone.all-flaky.test" }, { preference: 20, exchange: "flaky.all-flaky.test" }] },
  "flaky.all-flaky.test": { fail: "SERVFAIL" },
  "xn--bcher-kva.test": { mx: [{ preference: 10, exchange: "mx.xn--bcher-kva.test" }] },
  "mx.xn--bcher-kva.test": { a: ["127.0.0.66"] },
  "relay.test": { mx: [{ preference: 10, exchange: "mx-b.two-mx.test" }] },
  "relay-host.test": { a: ["127.0.0.67"] },
  "drop.test": { fail: "drop" },
};

const server = await startDnsServer(zone);
afterAll(() => server.close());
process.env.DNS_SERVERS = server.address;
process.env.DELIVERY_PORT = "2599";
process.env.TRANSPORT_MAP = "relay.test=127.0.0.9:2526,.relay.test=relay-host.test:2527,localhost.test=localhost:2528";
const { resolveRoutes } = await import("@/lib/delivery/resolve-routes");

describe("resolveRoutes via MX", () => {
  it("orders MX hosts by preference, resolves A and AAAA, and uses DELIVERY_PORT", async () => {
    expect(await resolveRoutes("two-mx.test")).toEqual({
      ok: true,
      hosts: [
        { host: "mx-a.two-mx.test", port: 2599, addresses: ["127.0.0.61"] },
        { host: "mx-b.two-mx.test", port: 2599, addresses: ["127.0.0.62", "::1"] },
      ],
      skipped: [],
    });
  });

  it("is case-insensitive and ignores a trailing dot", async () => {
    const result = await resolveRoutes("TWO-MX.Test.");
    expect(result.ok && result.hosts.map((h) => h.host)).toEqual(["mx-a.two-mx.test", "mx-b.two-mx.test"]);
  });

  it("shuffles equal preferences but keeps every MX, after the more preferred one", async () => {
    const firstOfEqual = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const result = await resolveRoutes("equal.test");
      if (!result.ok) throw new Error(result.detail);
      const hosts = result.hosts.map((h) => h.host);
      expect(hosts[0]).toBe("first.equal.test");
      expect([...hosts].sort()).toEqual(["e1.equal.test", "e2.equal.test", "e3.equal.test", "e4.equal.test", "first.equal.test"]);
      firstOfEqual.add(hosts[1]!);
    }
    // 30 draws from 4 equally likely hosts: seeing only one would happen with probability 4 × 0.25^30.
    expect(firstOfEqual.size).toBeGreaterThan(1);
  });

  it("tolerates one address family failing", async () => {
    expect(await resolveRoutes("half.test")).toMatchObject({ ok: true, hosts: [{ host: "mx.half.test", addresses: ["127.0.0.63"] }] });
  });

  it("converts an IDN domain to its A-label", async () => {
    expect(await resolveRoutes("BÜCHER.test")).toMatchObject({ ok: true, hosts: [{ host: "mx.xn--bcher-kva.test", addresses: ["127.0.0.66"] }] });
  });

  it("skips an MX without addresses and reports why", async () => {
    expect(await resolveRoutes("skip.test")).toEqual({
      ok: true,
      hosts: [{ host: "mx.skip.test", port: 2599, addresses: ["127.0.0.65"] }],
      skipped: [
        { host: "gone.skip.test", failureClass: "no-mx", detail: expect.stringContaining("gone.skip.test") },
        { host: "flaky.skip.test", failureClass: "dns-tempfail", detail: expect.stringContaining("ESERVFAIL") },
      ],
    });
  });

  it("fails with no-mx when no MX host has an address, dns-tempfail when a look-up was temporary", async () => {
    expect(await resolveRoutes("all-gone.test")).toMatchObject({ ok: false, failureClass: "no-mx" });
    expect(await resolveRoutes("all-flaky.test")).toMatchObject({ ok: false, failureClass: "dns-tempfail" });
  });
});

describe("resolveRoutes without a usable MX", () => {
  it("falls back to the domain's own A/AAAA when there is no MX record (implicit MX)", async () => {
    expect(await resolveRoutes("implicit.test")).toEqual({
      ok: true,
      hosts: [{ host: "implicit.test", port: 2599, addresses: ["127.0.0.64", "::1"] }],
      skipped: [],
    });
  });

  it("fails with no-mx when the domain has neither MX nor address", async () => {
    expect(await resolveRoutes("nothing.test")).toEqual({ ok: false, failureClass: "no-mx", detail: "nothing.test has no MX records and no address" });
  });

  it("retries later when the implicit-MX address look-up fails temporarily", async () => {
    expect(await resolveRoutes("implicit-tempfail.test")).toMatchObject({ ok: false, failureClass: "dns-tempfail" });
  });

  it("treats a null MX as permanent no-mx (RFC 7505)", async () => {
    expect(await resolveRoutes("null.test")).toEqual({ ok: false, failureClass: "no-mx", detail: "null.test accepts no mail (null MX, RFC 7505)" });
  });

  it("treats NXDOMAIN as permanent no-mx", async () => {
    expect(await resolveRoutes("nowhere.test")).toEqual({ ok: false, failureClass: "no-mx", detail: "nowhere.test does not exist (NXDOMAIN)" });
  });

  it("treats SERVFAIL and REFUSED as dns-tempfail", async () => {
    expect(await resolveRoutes("servfail.test")).toMatchObject({ ok: false, failureClass: "dns-tempfail", detail: expect.stringContaining("ESERVFAIL") });
    expect(await resolveRoutes("refused.test")).toMatchObject({ ok: false, failureClass: "dns-tempfail" });
  });

  it("rejects a name that is not a domain without asking DNS", async () => {
    const asked = server.queries.length;
    expect(await resolveRoutes("not a domain")).toMatchObject({ ok: false, failureClass: "no-mx" });
    expect(server.queries.length).toBe(asked);
  });
});

describe("resolveRoutes with an injected resolver", () => {
  it("reports a query that never gets an answer as dns-tempfail", async () => {
    const resolver = new dns.promises.Resolver({ timeout: 100, tries: 1 });
    resolver.setServers([server.address]);
    expect(await resolveRoutes("drop.test", { resolver })).toMatchObject({ ok: false, failureClass: "dns-tempfail", detail: expect.stringContaining("ETIMEOUT") });
  });

  it("uses the injected resolver rather than DNS_SERVERS", async () => {
    const other = await startDnsServer({ "elsewhere.test": { a: ["127.0.0.68"] } }, "127.0.0.54");
    try {
      const resolver = new dns.promises.Resolver();
      resolver.setServers([other.address]);
      expect(await resolveRoutes("elsewhere.test", { resolver, port: 2600 })).toMatchObject({ ok: true, hosts: [{ host: "elsewhere.test", port: 2600, addresses: ["127.0.0.68"] }] });
      expect(await resolveRoutes("elsewhere.test")).toMatchObject({ ok: false, failureClass: "no-mx" });
    } finally {
      await other.close();
    }
  });
});

describe("resolveRoutes with the transport map", () => {
  it("uses an exact entry instead of the domain's MX, without looking the MX up", async () => {
    const asked = server.queries.length;
    expect(await resolveRoutes("Relay.test")).toEqual({ ok: true, hosts: [{ host: "127.0.0.9", port: 2526, addresses: ["127.0.0.9"] }], skipped: [] });
    expect(server.queries.slice(asked)).toEqual([]);
  });

  it("applies a .parent entry to subdomains and resolves a relay host name", async () => {
    expect(await resolveRoutes("a.b.relay.test")).toEqual({ ok: true, hosts: [{ host: "relay-host.test", port: 2527, addresses: ["127.0.0.67"] }], skipped: [] });
  });

  it("falls back to the system's host table for a relay name DNS does not know", async () => {
    const result = await resolveRoutes("localhost.test");
    expect(result.ok && result.hosts[0]?.port).toBe(2528);
    expect(result.ok && result.hosts[0]?.addresses).toContain("127.0.0.1");
  });

  it("leaves domains the map does not name to MX resolution", async () => {
    expect(await resolveRoutes("other-relay.test")).toMatchObject({ ok: false, failureClass: "no-mx" });
  });
});
