import type dns from "node:dns";
import { getConfig } from "@/lib/config";
import { classifyError } from "@/lib/delivery/classify-error";
import type { FailureClass } from "@/lib/delivery/failure-class";
import { fetchPresentedCertificate } from "@/lib/delivery/fetch-presented-certificate";
import { loadExtraCa } from "@/lib/delivery/load-extra-ca";
import { openSmtpSession, type SmtpTimeouts } from "@/lib/delivery/open-smtp-session";
import type { CertificateDetails } from "@/lib/delivery/read-tls-details";
import { createSmtpTranscript } from "@/lib/delivery/record-smtp-transcript";
import { resolveRoutes, type RouteFailure } from "@/lib/delivery/resolve-routes";

export type MxProbe = {
  mxHost: string;
  mxIp: string;
  port: number;
  /** Whether the EHLO reply listed STARTTLS; null when no EHLO reply came. */
  starttlsOffered: boolean | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  certSubject: string | null;
  certIssuer: string | null;
  certValidFrom: Date | null;
  certValidTo: Date | null;
  /** Null when this MX passed every check mail delivery makes. */
  failureClass: FailureClass | null;
  failureDetail: string | null;
  durationMs: number;
};

export type DomainTlsProbe = {
  domain: string;
  /** Every MX probed passed (and there was at least one). */
  ok: boolean;
  /** Set when the domain's routes could not be found: nothing was connected to. */
  routeFailure: RouteFailure | null;
  results: MxProbe[];
};

export type ProbeDomainTlsOptions = {
  resolver?: dns.promises.Resolver;
  /** MX port; defaults to DELIVERY_PORT. Transport-map entries carry their own. */
  port?: number;
  transportMap?: Map<string, { host: string; port: number }>;
  /** PEM CAs trusted besides Node's bundled roots; defaults to EXTRA_CA_FILE, as for delivery. */
  ca?: Buffer[];
  heloName?: string;
  timeouts?: Partial<SmtpTimeouts>;
  /** MX hosts probed, in preference order (default 3); each at its first address. */
  maxHosts?: number;
};

const DEFAULT_MAX_HOSTS = 3;

/**
 * A live TLS check of a recipient domain, as an admin's "test this domain now": for each MX (at most three),
 * connect, EHLO, STARTTLS and the very checks mail delivery makes (Postfix `verify`: TLS >= 1.2, trusted chain,
 * MX name in a DNS SAN; lib/delivery/open-smtp-session.ts), then QUIT. No MAIL FROM, RCPT or DATA is ever sent,
 * so probing is harmless to the remote side. Never throws for a network or TLS failure: the result says what
 * happened, with delivery's failure classes.
 */
export async function probeDomainTls(domain: string, opts: ProbeDomainTlsOptions = {}): Promise<DomainTlsProbe> {
  const routes = await resolveRoutes(domain, { resolver: opts.resolver, port: opts.port, transportMap: opts.transportMap });
  if (!routes.ok) {
    return { domain, ok: false, routeFailure: { failureClass: routes.failureClass, detail: routes.detail }, results: [] };
  }
  const config = getConfig();
  const heloName = opts.heloName ?? config.HELO_NAME ?? config.SMTP_HOSTNAME;
  const ca = opts.ca ?? loadExtraCa();
  const timeouts: SmtpTimeouts = {
    connect: opts.timeouts?.connect ?? config.CONNECT_TIMEOUT,
    greeting: opts.timeouts?.greeting ?? config.GREETING_TIMEOUT,
    socket: opts.timeouts?.socket ?? config.SOCKET_TIMEOUT,
  };
  const targets = routes.hosts.slice(0, opts.maxHosts ?? DEFAULT_MAX_HOSTS).flatMap((route) =>
    route.addresses.slice(0, 1).map((address) => ({ host: route.host, port: route.port, address })),
  );
  // In parallel: an admin waits for the page, and each host's time-outs would otherwise add up.
  const results = await Promise.all(targets.map((target) => probeMx({ ...target, heloName, ca, timeouts })));
  return { domain, ok: results.length > 0 && results.every((result) => result.failureClass === null), routeFailure: null, results };
}

type ProbeTarget = { host: string; address: string; port: number; heloName: string; ca: Buffer[]; timeouts: SmtpTimeouts };

async function probeMx(target: ProbeTarget): Promise<MxProbe> {
  const startedAt = Date.now();
  const transcript = createSmtpTranscript();
  const session = { host: target.host, address: target.address, port: target.port, heloName: target.heloName, timeouts: target.timeouts };
  const opened = await openSmtpSession({ ...session, tls: "verify", ca: target.ca }, transcript);
  const base = { mxHost: target.host, mxIp: target.address, port: target.port };
  if (opened.ok) {
    const tls = opened.session.tls;
    await opened.session.quit();
    return {
      ...base,
      starttlsOffered: transcript.starttlsOffered(),
      tlsProtocol: tls?.tlsProtocol ?? null,
      tlsCipher: tls?.tlsCipher ?? null,
      ...certificateFields(tls?.certificate ?? null),
      failureClass: null,
      failureDetail: null,
      durationMs: Date.now() - startedAt,
    };
  }
  const failure = opened.failure;
  // A certificate refused by the chain check is only readable over a second, unverified session (still no MAIL).
  if (failure.authorizationError && !failure.certificate) failure.certificate = await fetchPresentedCertificate(session);
  const starttlsOffered = transcript.starttlsOffered();
  const classification = classifyError({ ...failure, ...session, mxHost: target.host, starttlsOffered });
  return {
    ...base,
    starttlsOffered,
    tlsProtocol: null,
    tlsCipher: null,
    ...certificateFields(failure.certificate),
    failureClass: classification.failureClass,
    failureDetail: classification.detail,
    durationMs: Date.now() - startedAt,
  };
}

function certificateFields(cert: CertificateDetails | null) {
  return {
    certSubject: cert?.certSubject ?? null,
    certIssuer: cert?.certIssuer ?? null,
    certValidFrom: cert?.certValidFrom ?? null,
    certValidTo: cert?.certValidTo ?? null,
  };
}
