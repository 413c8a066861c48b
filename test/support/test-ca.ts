import { createCertificate } from "@/lib/bootstrap/create-certificate";

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

const DAY = 86_400_000;
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
  const now = Date.now();
  const ca = await createCertificate({ commonName: "Sealpost Test CA", dnsNames: [], validDays: 30, isCa: true });
  const leaf = async (dnsNames: string[], opts: { notBefore?: number; notAfter?: number; selfSigned?: boolean } = {}): Promise<TestKeyPair> => {
    const pair = await createCertificate({
      commonName: name,
      dnsNames,
      notBefore: new Date(opts.notBefore ?? now - DAY),
      notAfter: new Date(opts.notAfter ?? now + 30 * DAY),
      issuer: opts.selfSigned ? undefined : ca,
    });
    return { key: pair.privateKeyPem, cert: pair.certificatePem };
  };

  return {
    caCert: ca.certificatePem,
    good: await leaf([name]),
    selfSigned: await leaf([name], { selfSigned: true }),
    expired: await leaf([name], { notBefore: now - 10 * DAY, notAfter: now - DAY }),
    notYetValid: await leaf([name], { notBefore: now + DAY, notAfter: now + 10 * DAY }),
    wrongName: await leaf([`other.${name}`]),
    cnOnly: await leaf([]),
    wildcard: await leaf([`*.${name}`]),
  };
}
