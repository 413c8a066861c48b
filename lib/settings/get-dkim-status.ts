import { existsSync, readFileSync } from "node:fs";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { DKIM_SETTING_KEY, type DkimDnsRecord, describeDkimRecord, parseStoredDkimKey, publicKeyOf } from "@/lib/settings/stored-dkim-key";

export type DkimStatus = {
  /** Which key signs notifications: one generated in the console, the configured key file, or none. */
  source: "stored" | "config" | "none";
  domain: string | null;
  selector: string | null;
  /** The record that must be published for receivers to check the signature; null without a key. */
  record: DkimDnsRecord | null;
  createdAt: Date | null;
  /** The configuration names a key file that cannot be used (only when no stored key takes precedence). */
  configProblem: "partial" | "unreadable" | null;
};

/** What the settings page says about DKIM. Reads the public half only; the private key stays sealed. */
export async function getDkimStatus(): Promise<DkimStatus> {
  const row = await getDb().setting.findUnique({ where: { key: DKIM_SETTING_KEY } });
  const stored = parseStoredDkimKey(row?.value);
  if (stored) {
    return { source: "stored", domain: stored.domain, selector: stored.selector, record: describeDkimRecord(stored), createdAt: new Date(stored.createdAt), configProblem: null };
  }
  return getConfiguredDkimStatus();
}

/** The key of DKIM_DOMAIN / DKIM_SELECTOR / DKIM_PRIVATE_KEY_FILE, used when no key was generated in the console. */
export function getConfiguredDkimStatus(): DkimStatus {
  const { DKIM_DOMAIN: domain, DKIM_SELECTOR: selector, DKIM_PRIVATE_KEY_FILE: file } = getConfig();
  const none = { source: "none" as const, domain: domain ?? null, selector: selector ?? null, record: null, createdAt: null };
  if (!domain && !selector && !file) return { ...none, configProblem: null };
  if (!domain || !selector || !file) return { ...none, configProblem: "partial" };
  if (!existsSync(file)) return { ...none, configProblem: "unreadable" };
  try {
    const publicKey = publicKeyOf(readFileSync(file, "utf8"));
    return { source: "config", domain, selector, record: describeDkimRecord({ domain, selector, publicKey }), createdAt: null, configProblem: null };
  } catch {
    return { ...none, configProblem: "unreadable" };
  }
}

/** What the audit trail records about the key in effect: never the key, only where it lives and its fingerprint. */
export function summarizeDkimStatus(status: DkimStatus): { source: string; domain: string; selector: string; fingerprint: string } | null {
  if (!status.record || !status.domain || !status.selector) return null;
  return { source: status.source, domain: status.domain, selector: status.selector, fingerprint: status.record.fingerprint };
}
