import type dns from "node:dns";
import { getConfig } from "@/lib/config";
import { type AttemptRecord, attemptSmtp } from "@/lib/delivery/attempt-smtp";
import { resolveRoutes, type RouteFailure, type SkippedHost } from "@/lib/delivery/resolve-routes";

type AttemptInput = Parameters<typeof attemptSmtp>[0];

export type DeliverToDomainInput = {
  domain: string;
  envelope: { from: string; to: string[] };
  message: Buffer;
  mode: AttemptInput["mode"];
  /** Extra trusted CAs for the MX certificate; passed through to attemptSmtp. */
  ca?: Buffer[];
  /** EHLO name; defaults to HELO_NAME, then SMTP_HOSTNAME. */
  heloName?: string;
  timeouts?: AttemptInput["timeouts"];
  resolver?: dns.promises.Resolver;
  /** MX port; defaults to DELIVERY_PORT. */
  port?: number;
  /** Addresses tried per run across all MX hosts (Postfix smtp_mx_address_limit, default 5). */
  maxAddresses?: number;
};

export type DomainDeliveryResult = {
  attempts: AttemptRecord[];
  delivered: boolean;
  routeFailure?: RouteFailure;
  /** MX hosts never tried because their address look-up failed; decide-outcome retries on temporary ones. */
  skipped?: SkippedHost[];
};

const DEFAULT_MX_ADDRESS_LIMIT = 5;

/**
 * One delivery run for one domain: resolve its routes, then try each MX host in preference order and each of
 * its addresses until one accepts the message. A TLS or connection failure moves on to the next address
 * (Postfix semantics: a failed handshake does not use up the session budget); a permanent 5xx on MAIL, RCPT
 * or DATA stops the walk, since the next MX would give the same answer about the same address.
 */
export async function deliverToDomain(input: DeliverToDomainInput): Promise<DomainDeliveryResult> {
  const routes = await resolveRoutes(input.domain, { resolver: input.resolver, port: input.port });
  if (!routes.ok) {
    return { attempts: [], delivered: false, routeFailure: { failureClass: routes.failureClass, detail: routes.detail } };
  }
  const config = getConfig();
  const heloName = input.heloName ?? config.HELO_NAME ?? config.SMTP_HOSTNAME;
  const limit = input.maxAddresses ?? DEFAULT_MX_ADDRESS_LIMIT;
  const targets = routes.hosts.flatMap((route) => route.addresses.map((address) => ({ ...route, address }))).slice(0, limit);

  const attempts: AttemptRecord[] = [];
  for (const target of targets) {
    const attempt = await attemptSmtp({
      host: target.host,
      address: target.address,
      port: target.port,
      mode: input.mode,
      envelope: input.envelope,
      message: input.message,
      ca: input.ca,
      heloName,
      timeouts: input.timeouts,
    });
    attempts.push(attempt);
    if (attempt.outcome === "delivered") return { attempts, delivered: true, skipped: routes.skipped };
    if (attempt.failureClass === "smtp-5xx" && attempt.permanent) break;
  }
  return { attempts, delivered: false, skipped: routes.skipped };
}
