import { existsSync, readFileSync } from "node:fs";
import { createCertificate } from "@/lib/bootstrap/create-certificate";
import { generatedIntakeTlsPaths } from "@/lib/bootstrap/ensure-intake-tls";
import { ConfigError, getConfig } from "@/lib/config";

export type TlsCredentials = { key: string | Buffer; cert: string | Buffer; source: "configured" | "data-dir" | "generated" };

/**
 * Intake STARTTLS credentials: SMTP_TLS_KEY_FILE/SMTP_TLS_CERT_FILE when set (unreadable files stop start-up
 * rather than silently downgrading), else the pair bootstrap keeps in DATA_DIR, else — the smart host started
 * without bootstrap, as in tests — a fresh self-signed pair held in memory only.
 */
export async function loadSmtpTlsCredentials(): Promise<TlsCredentials> {
  const config = getConfig();
  if (config.SMTP_TLS_KEY_FILE || config.SMTP_TLS_CERT_FILE) {
    if (!config.SMTP_TLS_KEY_FILE || !config.SMTP_TLS_CERT_FILE) {
      throw new ConfigError(config.SMTP_TLS_KEY_FILE ? "SMTP_TLS_CERT_FILE" : "SMTP_TLS_KEY_FILE", "set both SMTP_TLS_KEY_FILE and SMTP_TLS_CERT_FILE, or neither");
    }
    return {
      key: readPem(config.SMTP_TLS_KEY_FILE, "SMTP_TLS_KEY_FILE"),
      cert: readPem(config.SMTP_TLS_CERT_FILE, "SMTP_TLS_CERT_FILE"),
      source: "configured",
    };
  }
  const { keyFile, certFile } = generatedIntakeTlsPaths(config.DATA_DIR);
  if (existsSync(keyFile) && existsSync(certFile)) {
    return { key: readFileSync(keyFile), cert: readFileSync(certFile), source: "data-dir" };
  }
  const pair = await createCertificate({ commonName: config.SMTP_HOSTNAME, dnsNames: [config.SMTP_HOSTNAME], validDays: 365 });
  return { key: pair.privateKeyPem, cert: pair.certificatePem, source: "generated" };
}

function readPem(file: string, setting: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(setting, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); fix the path or permissions`);
  }
}
