import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config";
import { isInRelayNetworks, parseRelayNetworks } from "@/lib/intake/relay-networks";

describe("relay networks", () => {
  const networks = parseRelayNetworks(["10.0.0.0/8", "192.168.1.5", "2001:db8::/32", "::ffff:172.16.0.0/108"]);

  it("matches IPv4 addresses inside a CIDR range and single addresses", () => {
    expect(isInRelayNetworks("10.1.2.3", networks)).toBe(true);
    expect(isInRelayNetworks("192.168.1.5", networks)).toBe(true);
    expect(isInRelayNetworks("192.168.1.6", networks)).toBe(false);
    expect(isInRelayNetworks("11.0.0.1", networks)).toBe(false);
  });

  it("matches IPv6 ranges", () => {
    expect(isInRelayNetworks("2001:db8:1::25", networks)).toBe(true);
    expect(isInRelayNetworks("2001:db9::1", networks)).toBe(false);
  });

  it("treats IPv4-mapped IPv6 client addresses as the IPv4 address they carry", () => {
    expect(isInRelayNetworks("::ffff:10.9.8.7", networks)).toBe(true);
    expect(isInRelayNetworks("::ffff:11.9.8.7", networks)).toBe(false);
  });

  it("turns an IPv4-mapped IPv6 range into the IPv4 range it denotes", () => {
    expect(isInRelayNetworks("172.16.4.4", networks)).toBe(true);
    expect(isInRelayNetworks("::ffff:172.16.4.4", networks)).toBe(true);
    expect(isInRelayNetworks("172.32.0.1", networks)).toBe(false);
  });

  it("does not match across address families or garbage", () => {
    expect(isInRelayNetworks("::1", parseRelayNetworks(["127.0.0.0/8"]))).toBe(false);
    expect(isInRelayNetworks("not-an-ip", networks)).toBe(false);
    expect(isInRelayNetworks("127.0.0.1", [])).toBe(false);
  });

  it("rejects an invalid entry naming the setting", () => {
    expect(() => parseRelayNetworks(["10.0.0.0/33"])).toThrow(ConfigError);
    expect(() => parseRelayNetworks(["example.com"])).toThrow(/SMTP_RELAY_NETWORKS/);
  });
});
