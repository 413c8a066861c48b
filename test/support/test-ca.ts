import { webcrypto } from "node:crypto";

// A throw-away certificate authority for TLS tests: one CA plus leaf certificates that each break exactly
// one rule a forced-TLS sender checks. ECDSA P-256 keeps generation to a few milliseconds per certificate.

export type TestKeyPair = { key: string; cert: string };

export type TestCertificates = {
  /** PEM of the CA certificate: pass it as the extra trusted CA. */
  caCert: string;
  /** CA-signed, SAN DNS:<name>, valid now. */
  good: TestKeyPair;
  /** Signed by its own key, SAN DNS:<name>: fails only the chain check. */
  selfSigned: TestKeyPair;
  /** CA-signed, SAN DNS:<name>, expired yesterday. */
  expired: TestKeyPair;
  /** CA-signed, SAN DNS:<name>, valid only from tomorrow. */
  notYetValid: TestKeyPair;
  /** CA-signed for DNS:other.<name>, not <name>. */
  wrongName: TestKeyPair;
  /** CA-signed, CN=<name> and no subjectAltName at all. */
  cnOnly: TestKeyPair;
  /** CA-signed, SAN DNS:*.<name>: matches a.<name>, never <name> itself or a.b.<name>. */
  wildcard: TestKeyPair;
};

type X509 = typeof import("@peculiar/x509");

const DAY = 86_400_000;
const ecdsa = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const cache = new Map<string, Promise<TestCertificates>>();

/** Certificates for the MX name `name` (e.g. "mx.test"), generated once per process. */
export function getTestCertificates(name = "mx.test"): Promise<TestCertificates> {
  let pending = cache.get(name);
  if (!pending) {
    pending = createTestCertificates(name);
    cache.set(name, pending);
  }
  return pending;
}

async function createTestCertificates(name: string): Promise<TestCertificates> {
  const x509 = await loadX509();
  const now = Date.now();
  const caKeys = await generateKeys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: "CN=Sealpost Test CA",
    keys: caKeys,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 30 * DAY),
    signingAlgorithm: ecdsa,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const leaf = async (opts: { san?: string; notBefore?: number; notAfter?: number; selfSigned?: boolean }) => {
    const keys = await generateKeys();
    const extensions = [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ...(opts.san ? [new x509.SubjectAlternativeNameExtension([{ type: "dns", value: opts.san }])] : []),
    ];
    const validity = { notBefore: new Date(opts.notBefore ?? now - DAY), notAfter: new Date(opts.notAfter ?? now + 30 * DAY) };
    const cert = opts.selfSigned
      ? await x509.X509CertificateGenerator.createSelfSigned({
          name: `CN=${name}`, keys, signingAlgorithm: ecdsa, extensions, ...validity,
        })
      : await x509.X509CertificateGenerator.create({
          subject: `CN=${name}`,
          issuer: ca.subject,
          publicKey: keys.publicKey,
          signingKey: caKeys.privateKey,
          signingAlgorithm: ecdsa,
          extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey)],
          ...validity,
        });
    const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
    return { key: x509.PemConverter.encode(pkcs8, "PRIVATE KEY"), cert: cert.toString("pem") };
  };

  return {
    caCert: ca.toString("pem"),
    good: await leaf({ san: name }),
    selfSigned: await leaf({ san: name, selfSigned: true }),
    expired: await leaf({ san: name, notBefore: now - 10 * DAY, notAfter: now - DAY }),
    notYetValid: await leaf({ san: name, notBefore: now + DAY, notAfter: now + 10 * DAY }),
    wrongName: await leaf({ san: `other.${name}` }),
    cnOnly: await leaf({}),
    wildcard: await leaf({ san: `*.${name}` }),
  };
}

function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ecdsa, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

async function loadX509(): Promise<X509> {
  // @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata polyfill.
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  return x509;
}
