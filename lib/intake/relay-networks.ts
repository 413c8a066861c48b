import ipaddr from "ipaddr.js";
import { ConfigError } from "@/lib/config";

export type RelayNetwork = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses SMTP_RELAY_NETWORKS entries ("10.0.0.0/8", "2001:db8::/32", or a single address). An IPv4-mapped
 * IPv6 range ("::ffff:10.0.0.0/104") becomes the IPv4 range it denotes, so it matches however the client
 * address is written.
 */
export function parseRelayNetworks(entries: string[]): RelayNetwork[] {
  return entries.map((entry) => {
    const cidr = entry.includes("/") ? entry : `${entry}/${ipaddr.IPv6.isValid(entry) ? 128 : 32}`;
    if (!ipaddr.isValidCIDR(cidr)) {
      throw new ConfigError("SMTP_RELAY_NETWORKS", `"${entry}" is not an address or CIDR range (expected e.g. 10.0.0.0/8 or 2001:db8::/32)`);
    }
    const [address, bits] = ipaddr.parseCIDR(cidr);
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    return [address, bits];
  });
}

/**
 * Whether a client address lies in one of the networks. Node reports IPv4 clients of a dual-stack listener as
 * "::ffff:a.b.c.d"; `process` turns those back into IPv4 so they match IPv4 ranges.
 */
export function isInRelayNetworks(clientIp: string, networks: RelayNetwork[]): boolean {
  if (!ipaddr.isValid(clientIp)) return false;
  const address = ipaddr.process(clientIp);
  return networks.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}
