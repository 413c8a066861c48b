import type { X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { listDnsNames } from "@/lib/delivery/check-certificate-name";

// What an attempt records about the TLS session and the certificate the MX presented.

export type CertificateDetails = {
  certSubject: string;
  certIssuer: string;
  /** SHA-256 of the DER certificate, colon-separated hex as openssl prints it. */
  certFingerprint: string;
  certValidFrom: Date;
  certValidTo: Date;
  /** DNS subjectAltNames; not stored, used to explain a name mismatch. */
  certDnsNames: string[];
};

export type TlsDetails = { tlsProtocol: string | null; tlsCipher: string | null; certificate: CertificateDetails | null };

export function readTlsDetails(socket: TLSSocket): TlsDetails {
  const cert = socket.getPeerX509Certificate();
  return {
    tlsProtocol: socket.getProtocol(),
    tlsCipher: socket.getCipher()?.standardName ?? null,
    certificate: cert ? describeCertificate(cert) : null,
  };
}

export function describeCertificate(cert: X509Certificate): CertificateDetails {
  return {
    // One attribute per line in Node's format; joined the way people usually read a DN.
    certSubject: cert.subject.split("\n").join(", "),
    certIssuer: cert.issuer.split("\n").join(", "),
    certFingerprint: cert.fingerprint256,
    certValidFrom: new Date(cert.validFrom),
    certValidTo: new Date(cert.validTo),
    certDnsNames: listDnsNames(cert.subjectAltName),
  };
}
