import { createSocket } from "node:dgram";
import dnsPacket, { type Answer, type Question } from "dns-packet";

/** Records for one name. A name absent from the zone answers NXDOMAIN; a present name without the asked type, NODATA. */
export type DnsZoneEntry = {
  /** `exchange: ""` is a null MX (RFC 7505). */
  mx?: { preference: number; exchange: string }[];
  a?: string[];
  aaaa?: string[];
  /** Each TXT record is one string or several character-strings. */
  txt?: (string | string[])[];
  /** Scripted failure for every query about this name, or per record type; "drop" never answers (the client times out). */
  fail?: DnsFailure | Partial<Record<"MX" | "A" | "AAAA" | "TXT", DnsFailure>>;
};

export type DnsFailure = "NXDOMAIN" | "SERVFAIL" | "REFUSED" | "drop";

export type DnsZone = Record<string, DnsZoneEntry>;

export type DnsServer = {
  /** `127.0.0.x:port`, ready for `Resolver.setServers` or DNS_SERVERS. */
  address: string;
  /** Every question asked so far, names lower-cased. */
  queries: Question[];
  close(): Promise<void>;
};

// dns-packet's encode ignores a `rcode` field, so the response code goes into the low four bits of the flags word.
const RCODES = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

function answersFor(question: Question, entry: DnsZoneEntry): Answer[] {
  const { name } = question;
  switch (question.type) {
    case "MX":
      return (entry.mx ?? []).map((mx) => ({ type: "MX", name, ttl: 60, data: mx }));
    case "A":
      return (entry.a ?? []).map((ip) => ({ type: "A", name, ttl: 60, data: ip }));
    case "AAAA":
      return (entry.aaaa ?? []).map((ip) => ({ type: "AAAA", name, ttl: 60, data: ip }));
    case "TXT":
      return (entry.txt ?? []).map((txt) => ({ type: "TXT", name, ttl: 60, data: txt }));
    default:
      return [];
  }
}

/**
 * A small authoritative DNS server over UDP for tests: answers from `zone` (which may be changed between
 * queries) so the real resolver code paths (MX, null MX, NODATA, NXDOMAIN, SERVFAIL, timeout) run unchanged.
 */
export async function startDnsServer(zone: DnsZone, host = "127.0.0.53"): Promise<DnsServer> {
  const socket = createSocket("udp4");
  const queries: Question[] = [];
  const entries = () => new Map(Object.entries(zone).map(([name, entry]) => [normalizeName(name), entry]));

  socket.on("message", (buffer, remote) => {
    let query: ReturnType<typeof dnsPacket.decode>;
    try {
      query = dnsPacket.decode(buffer);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    queries.push({ ...question, name: normalizeName(question.name) });
    const entry = entries().get(normalizeName(question.name));
    const fail = typeof entry?.fail === "object" ? entry.fail[question.type as keyof typeof entry.fail] : entry?.fail;
    if (fail === "drop") return;
    const rcode = entry === undefined ? RCODES.NXDOMAIN : fail ? RCODES[fail] : RCODES.NOERROR;
    const response = dnsPacket.encode({
      type: "response",
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | rcode,
      questions: [question],
      answers: entry && rcode === RCODES.NOERROR ? answersFor(question, entry) : [],
    });
    socket.send(response, remote.port, remote.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const { address, port } = socket.address();
  return {
    address: `${address}:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
