import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

// SSRF defence: a webhook URL is chosen by a user, but the POST comes from inside the network. Only HTTPS to
// public unicast addresses is allowed by default. The address is checked at connection time on the very
// result the socket then uses, so a name that resolves to a public address at creation and to 127.0.0.1 later
// (DNS rebinding) is still refused.

export class WebhookTargetError extends Error {
  constructor(
    readonly code: "invalid-url" | "not-https" | "private-target" | "unresolvable",
    message: string,
  ) {
    super(message);
    this.name = "WebhookTargetError";
  }
}

export type TargetRules = { allowHttp: boolean; allowPrivate: boolean };

/** Resolves a host name to addresses; injectable so tests can point a name at a loopback receiver. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const resolveWithSystem: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/** Parses a webhook URL and applies the scheme rules (no resolution). */
export function parseWebhookUrl(raw: string, rules: TargetRules): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new WebhookTargetError("invalid-url", "The webhook address is not a valid URL. Enter a full address such as https://example.com/hooks.");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && rules.allowHttp)) {
    throw new WebhookTargetError("not-https", "Webhook addresses must start with https:// so events are encrypted in transit.");
  }
  if (url.username || url.password) {
    throw new WebhookTargetError("invalid-url", "Webhook addresses must not contain a user name or password; authenticate with the signature instead.");
  }
  return url;
}

/** True for addresses in ranges reachable only from inside a network (loopback, private, link-local, …). */
function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) back into IPv4 so the mapped form cannot slip through.
  return ipaddr.process(address).range() !== "unicast";
}

/** Refuses private targets unless allowed; an IP literal is checked as is. */
function checkAddresses(hostname: string, addresses: LookupAddress[], rules: TargetRules): void {
  if (addresses.length === 0) throw new WebhookTargetError("unresolvable", `The webhook host ${hostname} has no address.`);
  if (rules.allowPrivate) return;
  const refused = addresses.find((entry) => isPrivateAddress(entry.address));
  if (refused) {
    throw new WebhookTargetError(
      "private-target",
      `The webhook host ${hostname} resolves to ${refused.address}, a loopback or private address. Use a public address (or set WEBHOOK_ALLOW_PRIVATE_TARGETS=true for receivers inside your network).`,
    );
  }
}

/** The addresses to connect to for `url`, after the SSRF check. */
export async function resolveWebhookTarget(url: URL, rules: TargetRules, resolveHost: ResolveHost): Promise<LookupAddress[]> {
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const family = isIP(hostname);
  let addresses: LookupAddress[];
  if (family !== 0) {
    addresses = [{ address: hostname, family }];
  } else {
    try {
      addresses = await resolveHost(hostname);
    } catch {
      throw new WebhookTargetError("unresolvable", `The webhook host ${hostname} could not be resolved. Check the address for typos.`);
    }
  }
  checkAddresses(hostname, addresses, rules);
  return addresses;
}
