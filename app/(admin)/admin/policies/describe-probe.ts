import type { DomainProbeReport } from "@/lib/admin/run-domain-probe";
import { describeFailureClass } from "@/lib/i18n/describe-failure-class";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

export type ProbeMxView = {
  host: string;
  ok: boolean;
  /** One sentence: what was found and what it means for mail. */
  sentence: string;
  details: { label: string; value: string }[];
};

/** A probe's result as sentences a person can act on (plain data, so a client component can show it). */
export type ProbeView = { domain: string; heading: string; summary: string; policyLine: string; mx: ProbeMxView[] };

/** "TLSv1.3" as people write it. */
function tlsName(protocol: string): string {
  return protocol.replace(/^TLSv/, "TLS ");
}

export function describeProbe(report: DomainProbeReport, locale: Locale): ProbeView {
  const messages = getMessages(locale);
  const t = messages.adminPolicies;
  const p = t.probe;
  // What happens when no MX passes, by the domain's policy (lib/delivery/decide-outcome.ts).
  const fallback = report.policy === "tls-only" ? "drop" : "escrow";
  const consequence = report.policy === "escrow-always" ? p.consequence.portal : p.consequence[fallback];
  const mx = report.results.map((result): ProbeMxView => {
    const details = [
      { label: p.address, value: `${result.mxIp} port ${result.port}` },
      ...(result.tlsProtocol ? [{ label: p.protocol, value: `${tlsName(result.tlsProtocol)} · ${result.tlsCipher ?? ""}` }] : []),
      ...(result.certSubject ? [{ label: p.certificate, value: result.certSubject }] : []),
      ...(result.certIssuer ? [{ label: p.issuer, value: result.certIssuer }] : []),
      ...(result.certValidTo ? [{ label: p.validUntil, value: formatDateTime(result.certValidTo, locale) }] : []),
      ...(result.failureDetail ? [{ label: p.technical, value: result.failureDetail }] : []),
    ];
    if (result.failureClass === null) {
      const tls = `${tlsName(result.tlsProtocol ?? "TLS")}${result.tlsCipher ? ` (${result.tlsCipher})` : ""}`;
      const until = result.certValidTo ? formatDateTime(result.certValidTo, locale) : "—";
      return { host: result.mxHost, ok: true, sentence: p.mxOk(result.mxHost, tls, until), details };
    }
    const problem = result.failureClass === "starttls-not-supported" && result.starttlsOffered === false ? p.noStarttls : describeFailureClass(result.failureClass, locale);
    return { host: result.mxHost, ok: false, sentence: p.mxFailed(result.mxHost, problem, consequence).trim(), details };
  });
  const passed = report.results.filter((result) => result.failureClass === null).length;
  const summary =
    report.policy === "escrow-always"
      ? p.escrowAlways
      : report.routeFailure
        ? p.routeFailure(report.routeFailure.detail)
        : passed === report.results.length && passed > 0
          ? p.allOk
          : passed > 0
            ? p.someOk
            : p.noneOk[fallback];
  return { domain: report.domain, heading: p.resultTitle(report.domain), summary, policyLine: p.policyLine(t.policies[report.policy] ?? report.policy), mx };
}
