import { readFileSync } from "node:fs";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { openWithMasterKey } from "@/lib/escrow/envelope";
import { getKeyRing } from "@/lib/escrow/key-ring";
import { DKIM_SEAL_PURPOSE, DKIM_SETTING_KEY, dkimSealId, parseStoredDkimKey } from "@/lib/settings/stored-dkim-key";

export type DkimSigningKey = { domainName: string; keySelector: string; privateKey: string };

let cachedFile: { file: string; pem: string } | undefined;

/**
 * The key notifications are signed with: the one generated in the admin console when there is one, else the
 * configured DKIM_DOMAIN / DKIM_SELECTOR / DKIM_PRIVATE_KEY_FILE, else null (unsigned).
 * @throws Error when the configuration names only some of the three settings: that is a mistake to fix, not
 * a reason to send unsigned mail silently.
 */
export async function getDkimSigningKey(): Promise<DkimSigningKey | null> {
  const row = await getDb().setting.findUnique({ where: { key: DKIM_SETTING_KEY } });
  const stored = parseStoredDkimKey(row?.value);
  if (stored) {
    const pem = openWithMasterKey(getKeyRing(), DKIM_SEAL_PURPOSE, dkimSealId(stored), { sealed: Buffer.from(stored.sealed, "base64"), keyId: stored.keyId });
    return { domainName: stored.domain, keySelector: stored.selector, privateKey: pem.toString("utf8") };
  }
  const { DKIM_DOMAIN: domainName, DKIM_SELECTOR: keySelector, DKIM_PRIVATE_KEY_FILE: file } = getConfig();
  if (!domainName && !keySelector && !file) return null;
  if (!domainName || !keySelector || !file) {
    throw new Error("DKIM is only partly configured: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together, or none of them.");
  }
  if (cachedFile?.file !== file) cachedFile = { file, pem: readFileSync(file, "utf8") };
  return { domainName, keySelector, privateKey: cachedFile.pem };
}
