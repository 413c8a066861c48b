// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata polyfill
// loaded before it: keep this import first.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** Either a number of days from now, or an explicit window (tests use past and future windows). */
type Validity = { validDays: number; notBefore?: never; notAfter?: never } | { notBefore: Date; notAfter: Date; validDays?: never };

export type CertificatePair = { certificatePem: string; privateKeyPem: string };

export type CertificateRequest = Validity & {
  commonName: string;
  /**
   * Subject alternative names (RFC 5280 §4.2.1.6); verifiers match host names against these, not the CN.
   * Empty: no subjectAltName extension at all (a CA, or a CN-only certificate).
   */
  dnsNames: string[];
  /** A CA certificate may sign others; a leaf may only be used by a TLS server. */
  isCa?: boolean;
  /** The CA that signs the new certificate; its subject becomes the issuer name. Omitted: self-signed. */
  issuer?: CertificatePair;
};

const ECDSA_P256 = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
// Tolerates small clock differences between peers when the window starts "now".
const CLOCK_SKEW_MS = 3_600_000;
const DAY_MS = 86_400_000;

type Issuer = { name: x509.Name; keyId: string; privateKey: CryptoKey };

async function loadIssuer(pair: CertificatePair): Promise<Issuer> {
  const certificate = new x509.X509Certificate(pair.certificatePem);
  const privateKey = await webcrypto.subtle.importKey("pkcs8", x509.PemConverter.decodeFirst(pair.privateKeyPem), ECDSA_P256, false, ["sign"]);
  // Copy the CA's own subjectKeyIdentifier into the leaf's authorityKeyIdentifier (RFC 5280 §4.2.1.1): verifiers
  // such as OpenSSL skip a candidate issuer whose identifier differs, and older CAs computed it another way.
  const keyId = certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? (await keyIdentifier(certificate.publicKey));
  return { name: certificate.subjectName, keyId, privateKey };
}

async function keyIdentifier(publicKey: CryptoKey | x509.PublicKey): Promise<string> {
  return (await x509.SubjectKeyIdentifierExtension.create(publicKey)).keyId;
}

async function extensionsFor(request: CertificateRequest, publicKey: CryptoKey, issuer: Issuer | null): Promise<x509.Extension[]> {
  const keyId = await keyIdentifier(publicKey);
  const list: x509.Extension[] = [
    new x509.BasicConstraintsExtension(request.isCa === true, undefined, true),
    // keyUsage (§4.2.1.3): digitalSignature for an ECDSA TLS server; keyCertSign and cRLSign for a CA.
    new x509.KeyUsagesExtension(
      request.isCa ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature,
      true,
    ),
    new x509.SubjectKeyIdentifierExtension(keyId),
    new x509.AuthorityKeyIdentifierExtension(issuer?.keyId ?? keyId),
  ];
  if (!request.isCa) list.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
  if (request.dnsNames.length > 0) {
    list.push(new x509.SubjectAlternativeNameExtension(request.dnsNames.map((value) => ({ type: "dns" as const, value }))));
  }
  return list;
}

/** Creates an ECDSA P-256 key and an X.509 v3 certificate for it, self-signed or signed by `issuer`. */
export async function createCertificate(request: CertificateRequest): Promise<CertificatePair> {
  const keys = (await webcrypto.subtle.generateKey(ECDSA_P256, true, ["sign", "verify"])) as CryptoKeyPair;
  const issuer = request.issuer ? await loadIssuer(request.issuer) : null;
  const { notBefore, notAfter } =
    request.validDays === undefined
      ? request
      : { notBefore: new Date(Date.now() - CLOCK_SKEW_MS), notAfter: new Date(Date.now() + request.validDays * DAY_MS) };
  const certificate = await x509.X509CertificateGenerator.create({
    subject: [{ CN: [request.commonName] }],
    issuer: issuer?.name ?? [{ CN: [request.commonName] }],
    publicKey: keys.publicKey,
    signingKey: issuer?.privateKey ?? keys.privateKey,
    signingAlgorithm: ECDSA_P256,
    notBefore,
    notAfter,
    extensions: await extensionsFor(request, keys.publicKey, issuer),
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { certificatePem: certificate.toString("pem"), privateKeyPem: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") };
}
