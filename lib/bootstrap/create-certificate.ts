import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from "node:crypto";
import {
  bitString,
  booleanTrue,
  explicit,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  tlv,
  unsignedInteger,
  utf8String,
} from "@/lib/bootstrap/encode-der";

export type CertificateRequest = {
  commonName: string;
  /** Subject alternative names (RFC 5280 §4.2.1.6); verifiers match host names against these, not the CN. */
  dnsNames: string[];
  validDays: number;
  /** A CA certificate may sign others; a leaf may only be used by a TLS server. */
  isCa?: boolean;
  /** Omitted: self-signed. */
  issuer?: { commonName: string; certificatePem: string; privateKeyPem: string };
};

export type CertificatePair = { certificatePem: string; privateKeyPem: string };

const ECDSA_WITH_SHA256 = sequence(objectIdentifier("1.2.840.10045.4.3.2"));

function name(commonName: string): Buffer {
  return sequence(set(sequence(objectIdentifier("2.5.4.3"), utf8String(commonName))));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value));
}

// RFC 5280 §4.2.1.2 allows any unique key identifier; a SHA-1 over the whole SubjectPublicKeyInfo is one.
function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash("sha1").update(publicKey.export({ type: "spki", format: "der" })).digest();
}

function extensions(request: CertificateRequest, publicKey: KeyObject, issuerPublicKey: KeyObject): Buffer {
  const list = [
    extension("2.5.29.19", true, request.isCa ? sequence(booleanTrue()) : sequence()),
    // keyUsage bits (§4.2.1.3): digitalSignature (0) for servers; keyCertSign (5) and cRLSign (6) for CAs.
    extension("2.5.29.15", true, request.isCa ? bitString(Buffer.from([0x86]), 1) : bitString(Buffer.from([0x80]), 7)),
    extension("2.5.29.14", false, octetString(keyIdentifier(publicKey))),
    extension("2.5.29.35", false, sequence(tlv(0x80, keyIdentifier(issuerPublicKey)))),
  ];
  if (!request.isCa) list.push(extension("2.5.29.37", false, sequence(objectIdentifier("1.3.6.1.5.5.7.3.1"))));
  if (request.dnsNames.length > 0) {
    list.push(extension("2.5.29.17", false, sequence(...request.dnsNames.map((dns) => tlv(0x82, Buffer.from(dns, "ascii"))))));
  }
  return explicit(3, sequence(...list));
}

/** Creates an ECDSA P-256 key and an X.509 v3 certificate for it, self-signed or signed by `issuer`. */
export function createCertificate(request: CertificateRequest): CertificatePair {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const signingKey = request.issuer ? createPrivateKey(request.issuer.privateKeyPem) : privateKey;
  const issuerPublicKey = request.issuer ? new X509Certificate(request.issuer.certificatePem).publicKey : publicKey;
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const notBefore = new Date(Date.now() - 3_600_000); // tolerate small clock differences between peers
  const notAfter = new Date(Date.now() + request.validDays * 86_400_000);
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial),
    ECDSA_WITH_SHA256,
    name(request.issuer?.commonName ?? request.commonName),
    sequence(time(notBefore), time(notAfter)),
    name(request.commonName),
    publicKey.export({ type: "spki", format: "der" }),
    extensions(request, publicKey, issuerPublicKey),
  );
  // Node's ECDSA signatures are DER Ecdsa-Sig-Value, the form X.509 expects (RFC 5480 §2.2 / RFC 3279 §2.2.3).
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, bitString(sign("sha256", tbs, signingKey)));
  const base64 = certificate.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return {
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
