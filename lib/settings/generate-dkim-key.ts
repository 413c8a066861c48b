import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { sealWithMasterKey } from "@/lib/escrow/envelope";
import { getKeyRing } from "@/lib/escrow/key-ring";
import { type DkimKeyInput, dkimKeyInputSchema } from "@/lib/settings/dkim-key-input";
import { getDkimStatus, summarizeDkimStatus } from "@/lib/settings/get-dkim-status";
import { DKIM_SEAL_PURPOSE, DKIM_SETTING_KEY, type DkimDnsRecord, describeDkimRecord, dkimSealId, type StoredDkimKey } from "@/lib/settings/stored-dkim-key";

const generateRsaKeyPair = promisify(generateKeyPair);

/** `fieldErrors` holds catalogue keys (Messages["adminSettings"]["dkim"]["errors"]). */
export class DkimKeyValidationError extends Error {
  constructor(readonly fieldErrors: Partial<Record<"domain" | "selector", string>>) {
    super("The DKIM domain or selector is not valid.");
  }
}

/**
 * Generates a new RSA-2048 DKIM key (RFC 8301 section 3.2: at least 1024 bits, 2048 recommended) and makes it
 * the key notifications are signed with, replacing any earlier one. The private key is sealed with the master
 * key ring before it is stored. Audited as `settings.changed {key: "dkim", before, after}` with where the key
 * lives, its domain, selector and public-key fingerprint, never the key. Returns the DNS record to publish:
 * until it is published, receivers cannot verify the signatures, so a fresh selector per key lets the old
 * record stay valid for mail already sent. Admin only.
 * @throws DkimKeyValidationError
 */
export async function generateDkimKey(actor: Actor, input: DkimKeyInput, ctx: { sourceIp?: string | null } = {}): Promise<DkimDnsRecord> {
  assertRole(actor, ["admin"], "settings:dkim");
  const parsed = dkimKeyInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<"domain" | "selector", string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "domain" || field === "selector") fieldErrors[field] ??= issue.message;
    }
    throw new DkimKeyValidationError(fieldErrors);
  }
  const { domain, selector } = parsed.data;
  const { privateKey, publicKey } = await generateRsaKeyPair("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "der" },
  });
  const { sealed, keyId } = sealWithMasterKey(getKeyRing(), DKIM_SEAL_PURPOSE, dkimSealId({ domain, selector }), Buffer.from(privateKey, "utf8"));
  const stored: StoredDkimKey = {
    domain,
    selector,
    publicKey: publicKey.toString("base64"),
    sealed: sealed.toString("base64"),
    keyId,
    createdAt: new Date().toISOString(),
  };
  const record = describeDkimRecord(stored);
  const before = summarizeDkimStatus(await getDkimStatus());
  const value = JSON.stringify(stored);
  await getDb().$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: DKIM_SETTING_KEY }, create: { key: DKIM_SETTING_KEY, value }, update: { value } });
    await recordAuditEvent(tx, {
      type: "settings.changed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { key: "dkim", before, after: { source: "stored", domain, selector, fingerprint: record.fingerprint } },
    });
  });
  return record;
}
