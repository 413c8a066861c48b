import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import path from "node:path";
import { createCertificate } from "@/lib/bootstrap/create-certificate";

export const DEMO_TLS_MX = "mx.tls-demo.test";
const CA_NAME = "Sealpost demo CA";

export type DemoCertificates = { caFile: string; key: string; cert: string };

function stillValid(certFile: string): boolean {
  return existsSync(certFile) && new Date(new X509Certificate(readFileSync(certFile)).validTo).getTime() > Date.now() + 86_400_000;
}

/**
 * A demo CA and a certificate it issued for mx.tls-demo.test, kept in `<DATA_DIR>/demo/` so repeated demos
 * show the same fingerprint. Only the demo process trusts this CA (EXTRA_CA_FILE set for that process).
 */
export async function ensureDemoCertificates(demoDir: string): Promise<DemoCertificates> {
  mkdirSync(demoDir, { recursive: true, mode: 0o700 });
  const files = {
    caCert: path.join(demoDir, "demo-ca-cert.pem"),
    caKey: path.join(demoDir, "demo-ca-key.pem"),
    mxCert: path.join(demoDir, "mx-cert.pem"),
    mxKey: path.join(demoDir, "mx-key.pem"),
  };
  const renewCa = !stillValid(files.caCert) || !existsSync(files.caKey);
  if (renewCa) {
    const ca = await createCertificate({ commonName: CA_NAME, dnsNames: [], validDays: 3650, isCa: true });
    writeFileSync(files.caKey, ca.privateKeyPem, { mode: 0o600 });
    writeFileSync(files.caCert, ca.certificatePem);
  }
  if (renewCa || !stillValid(files.mxCert) || !existsSync(files.mxKey)) {
    const issuer = { certificatePem: readFileSync(files.caCert, "utf8"), privateKeyPem: readFileSync(files.caKey, "utf8") };
    const mx = await createCertificate({ commonName: DEMO_TLS_MX, dnsNames: [DEMO_TLS_MX], validDays: 825, issuer });
    writeFileSync(files.mxKey, mx.privateKeyPem, { mode: 0o600 });
    writeFileSync(files.mxCert, mx.certificatePem);
  }
  return { caFile: files.caCert, key: readFileSync(files.mxKey, "utf8"), cert: readFileSync(files.mxCert, "utf8") };
}
