import { domainProbesByAdmin } from "@/lib/admin/probe-throttle";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { normalizeDomain, type TlsPolicy } from "@/lib/delivery/domain-policy";
import { findDomainPolicy } from "@/lib/delivery/find-domain-policy";
import { type DomainTlsProbe, probeDomainTls, type ProbeDomainTlsOptions } from "@/lib/delivery/probe-domain-tls";

export class DomainProbeError extends Error {
  constructor(
    readonly code: "invalid-domain" | "throttled",
    /** For "throttled": milliseconds until the next probe is allowed. */
    readonly retryAfterMs = 0,
  ) {
    super(`Domain probe refused: ${code}`);
    this.name = "DomainProbeError";
  }
}

export type DomainProbeReport = DomainTlsProbe & { policy: TlsPolicy };

/**
 * The admin's "test this domain now": a live TLS probe of the domain's mail servers (no mail is sent,
 * lib/delivery/probe-domain-tls.ts) plus the policy that applies to it, so the page can say what would happen
 * to a message. Throttled per admin and audited as `domain_policy.probed` once the result is known. Admin only.
 * @throws DomainProbeError "invalid-domain" or "throttled".
 */
export async function runDomainProbe(
  actor: Actor,
  domain: string,
  ctx: { sourceIp?: string | null } = {},
  opts: ProbeDomainTlsOptions = {},
): Promise<DomainProbeReport> {
  assertRole(actor, ["admin"], "domain probe");
  const name = normalizeDomain(domain);
  if (name === null) throw new DomainProbeError("invalid-domain");
  const wait = await domainProbesByAdmin.hit(actor.id);
  if (wait > 0) throw new DomainProbeError("throttled", wait);
  const [probe, policy] = await Promise.all([probeDomainTls(name, opts), findDomainPolicy(name)]);
  await getDb().$transaction(async (tx) => {
    await recordAuditEvent(tx, {
      type: "domain_policy.probed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: probe.ok ? "success" : "failure",
      data: {
        domain: name,
        ok: probe.ok,
        ...(probe.routeFailure ? { routeFailure: probe.routeFailure.failureClass } : {}),
        // Optional fields are left out rather than null, as the event's schema lists them.
        results: probe.results.map((mx) => ({
          mxHost: mx.mxHost,
          mxIp: mx.mxIp,
          ...(mx.tlsProtocol ? { tlsProtocol: mx.tlsProtocol } : {}),
          ...(mx.tlsCipher ? { tlsCipher: mx.tlsCipher } : {}),
          ...(mx.failureClass ? { failureClass: mx.failureClass } : {}),
        })),
      },
    });
  });
  return { ...probe, policy };
}
