import dns from "node:dns";
import { isIP } from "node:net";
import { getConfig } from "@/lib/config";
import { lookupKeysFor, normalizeDomain } from "@/lib/delivery/domain-policy";

export type RouteHost = { host: string; port: number; addresses: string[] };
export type RouteFailure = { failureClass: "no-mx" | "dns-tempfail"; detail: string };
/** An MX host left out because its name has no usable address; kept so the outcome can tell "retry" from "give up". */
export type SkippedHost = RouteFailure & { host: string };
export type RouteResult = { ok: true; hosts: RouteHost[]; skipped: SkippedHost[] } | ({ ok: false } & RouteFailure);

export type ResolveRoutesOptions = {
  resolver?: dns.promises.Resolver;
  /** SMTP port of every MX; defaults to DELIVERY_PORT. Transport-map entries carry their own. */
  port?: number;
  transportMap?: Map<string, { host: string; port: number }>;
};

// Answers that say the name or record does not exist. Everything else (SERVFAIL, timeout, refused, a broken
// reply) says nothing about the domain and is worth another try later.
const DEFINITE_ANSWERS = new Set<string>([dns.NOTFOUND, dns.NODATA, dns.BADNAME]);

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

let defaultResolver: dns.promises.Resolver | undefined;

/** The process resolver: DNS_SERVERS when set (tests use a loopback server with a port), else the system's. */
function getDefaultResolver(): dns.promises.Resolver {
  if (!defaultResolver) {
    defaultResolver = new dns.promises.Resolver({ timeout: 5_000, tries: 2 });
    const servers = getConfig().DNS_SERVERS;
    if (servers.length > 0) defaultResolver.setServers(servers);
  }
  return defaultResolver;
}

/** A and AAAA of `host`, asked together; one family failing is fine as long as the other answers. */
async function lookupAddresses(resolver: dns.promises.Resolver, host: string): Promise<{ addresses: string[] } & Partial<RouteFailure>> {
  const results = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
  // IPv4 first: many networks mail is sent from have no IPv6 route, and a failed connect costs a timeout.
  const addresses = results.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
  if (addresses.length > 0) return { addresses };
  const codes = results.flatMap((r) => (r.status === "rejected" ? [errorCode(r.reason)] : []));
  const temporary = codes.find((code) => !DEFINITE_ANSWERS.has(code));
  return temporary
    ? { addresses, failureClass: "dns-tempfail", detail: `address look-up for ${host} failed temporarily (${temporary})` }
    : { addresses, failureClass: "no-mx", detail: `${host} has no IPv4 or IPv6 address` };
}

/**
 * RFC 5321 §5.1: MX records in preference order, equal preferences in random order to spread the load
 * (shuffle first, then a stable sort by preference). A name listed twice keeps its best preference.
 */
function orderExchanges(records: dns.MxRecord[]): string[] {
  const shuffled = [...records];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const names = shuffled.sort((a, b) => a.priority - b.priority).map((r) => r.exchange.toLowerCase().replace(/\.$/, ""));
  return [...new Set(names)];
}

async function resolveTransport(resolver: dns.promises.Resolver, target: { host: string; port: number }): Promise<RouteResult> {
  if (isIP(target.host)) return { ok: true, hosts: [{ ...target, addresses: [target.host] }], skipped: [] };
  const found = await lookupAddresses(resolver, target.host);
  if (found.addresses.length === 0 && found.failureClass === "no-mx") {
    // Like Postfix `smtp_host_lookup = dns, native`: a relay named only in /etc/hosts (e.g. localhost) still works.
    const native = await dns.promises.lookup(target.host, { all: true }).catch(() => []);
    found.addresses = native.map((entry) => entry.address);
  }
  if (found.addresses.length > 0) return { ok: true, hosts: [{ ...target, addresses: found.addresses }], skipped: [] };
  return { ok: false, failureClass: found.failureClass ?? "no-mx", detail: `transport-map relay: ${found.detail}` };
}

async function resolveExchanges(resolver: dns.promises.Resolver, domain: string, names: string[], port: number): Promise<RouteResult> {
  const found = await Promise.all(names.map(async (host) => ({ host, ...(await lookupAddresses(resolver, host)) })));
  const hosts = found.filter((f) => f.addresses.length > 0).map(({ host, addresses }) => ({ host, port, addresses }));
  const skipped = found.flatMap((f) =>
    f.addresses.length === 0 ? [{ host: f.host, failureClass: f.failureClass ?? "no-mx", detail: f.detail ?? "" }] : [],
  );
  if (hosts.length > 0) return { ok: true, hosts, skipped };
  const temporary = skipped.find((s) => s.failureClass === "dns-tempfail");
  if (temporary) return { ok: false, failureClass: "dns-tempfail", detail: temporary.detail };
  return { ok: false, failureClass: "no-mx", detail: `no mail server for ${domain} has an address (${skipped.map((s) => s.host).join(", ")})` };
}

/**
 * Where to deliver mail for `domain`: a transport-map entry if one applies (exact domain, then `.parent`
 * entries), otherwise the domain's MX hosts in preference order with their addresses. Fails with `no-mx`
 * when the domain cannot receive mail (permanent) or `dns-tempfail` when DNS did not answer (retry later).
 */
export async function resolveRoutes(domain: string, opts: ResolveRoutesOptions = {}): Promise<RouteResult> {
  const config = getConfig();
  const resolver = opts.resolver ?? getDefaultResolver();
  const port = opts.port ?? config.DELIVERY_PORT;
  const name = normalizeDomain(domain);
  if (name === null) return { ok: false, failureClass: "no-mx", detail: `"${domain}" is not a valid domain name` };

  const transportMap = opts.transportMap ?? config.transportMap;
  const transport = lookupKeysFor(name).map((key) => transportMap.get(key)).find((entry) => entry !== undefined);
  if (transport) return resolveTransport(resolver, transport);

  let records: dns.MxRecord[];
  try {
    records = await resolver.resolveMx(name);
  } catch (error) {
    const code = errorCode(error);
    if (code === dns.NODATA) {
      // RFC 5321 §5.1: no MX records (but the name exists) means an implicit MX: the domain's own address.
      const implicit = await resolveExchanges(resolver, name, [name], port);
      if (implicit.ok || implicit.failureClass === "dns-tempfail") return implicit;
      return { ok: false, failureClass: "no-mx", detail: `${name} has no MX records and no address` };
    }
    if (code === dns.NOTFOUND) return { ok: false, failureClass: "no-mx", detail: `${name} does not exist (NXDOMAIN)` };
    return { ok: false, failureClass: "dns-tempfail", detail: `MX look-up for ${name} failed temporarily (${code})` };
  }
  // RFC 7505 §3: a null MX (exchange ".") says the domain accepts no mail at all.
  if (records.some((r) => r.exchange === "" || r.exchange === ".")) {
    return { ok: false, failureClass: "no-mx", detail: `${name} accepts no mail (null MX, RFC 7505)` };
  }
  return resolveExchanges(resolver, name, orderExchanges(records), port);
}
