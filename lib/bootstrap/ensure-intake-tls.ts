import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import path from "node:path";
import { BootstrapError } from "@/lib/bootstrap/bootstrap-error";
import { createCertificate } from "@/lib/bootstrap/create-certificate";

export type IntakeTlsFiles = { keyFile: string; certFile: string; source: "configured" | "generated" | "existing" };

/** Where the generated intake STARTTLS pair lives when SMTP_TLS_KEY_FILE / SMTP_TLS_CERT_FILE are not set. */
export function generatedIntakeTlsPaths(dataDir: string): { keyFile: string; certFile: string } {
  return { keyFile: path.join(dataDir, "smtp-tls-key.pem"), certFile: path.join(dataDir, "smtp-tls-cert.pem") };
}

function isUsable(certFile: string, hostname: string): boolean {
  const certificate = new X509Certificate(readFileSync(certFile));
  return certificate.checkHost(hostname) !== undefined && new Date(certificate.validTo).getTime() > Date.now() + 7 * 86_400_000;
}

/**
 * Intake STARTTLS needs a key and certificate. Without configured files, generate a self-signed ECDSA pair
 * for SMTP_HOSTNAME (renewed when the name changes or expiry is a week away). Relaying clients such as
 * Postfix with `smtp_tls_security_level = encrypt` encrypt without checking the certificate; use a
 * CA-issued certificate when clients verify.
 */
export async function ensureIntakeTls(input: { keyFile?: string; certFile?: string; hostname: string; dataDir: string }): Promise<IntakeTlsFiles> {
  if (input.keyFile || input.certFile) {
    if (!input.keyFile || !input.certFile) {
      throw new BootstrapError("Set both SMTP_TLS_KEY_FILE and SMTP_TLS_CERT_FILE, or neither (a self-signed pair is then generated).");
    }
    for (const file of [input.keyFile, input.certFile]) {
      if (!existsSync(file)) throw new BootstrapError(`The intake TLS file ${file} does not exist. Fix SMTP_TLS_KEY_FILE / SMTP_TLS_CERT_FILE.`);
    }
    return { keyFile: input.keyFile, certFile: input.certFile, source: "configured" };
  }
  const { keyFile, certFile } = generatedIntakeTlsPaths(input.dataDir);
  if (existsSync(keyFile) && existsSync(certFile) && isUsable(certFile, input.hostname)) {
    return { keyFile, certFile, source: "existing" };
  }
  const pair = await createCertificate({ commonName: input.hostname, dnsNames: [input.hostname], validDays: 825 });
  writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(certFile, pair.certificatePem, { mode: 0o644 });
  return { keyFile, certFile, source: "generated" };
}
