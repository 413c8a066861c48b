import { checkServerIdentity, type PeerCertificate } from "node:tls";

/** Code of the error for a certificate that names no DNS host in subjectAltName. */
export const NO_DNS_SAN = "ERR_TLS_CERT_NO_DNS_SAN";

/**
 * `checkServerIdentity` for Postfix `verify` semantics: the certificate must name the MX host in a DNS
 * subjectAltName. Node falls back to the subject CN when a certificate has no DNS SAN; RFC 6125 §6.4.4
 * deprecates that and MTA-STS (RFC 8461 §4.2) forbids it, so such certificates are refused here. Only ever
 * used with `rejectUnauthorized: true`: this checks the name, Node checks the chain.
 */
export function checkCertificateName(host: string, cert: PeerCertificate): Error | undefined {
  if (listDnsNames(cert.subjectaltname).length === 0) {
    return Object.assign(new Error(`certificate for ${host} names no host in subjectAltName`), { code: NO_DNS_SAN });
  }
  return checkServerIdentity(host, cert);
}

/** The DNS names of a subjectAltName string as Node formats it (`DNS:a.example, IP Address:192.0.2.1`). */
export function listDnsNames(subjectAltName: string | undefined): string[] {
  return (subjectAltName ?? "")
    .split(/,\s*/)
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice(4));
}
