import { createHash, createPublicKey } from "node:crypto";
import { z } from "zod";

// A DKIM key generated in the admin console (lib/settings/generate-dkim-key.ts). One Setting row holds it as
// JSON: the private key sealed with the master key ring (it must be readable to sign, so it cannot be hashed),
// the public key in the clear for the DNS record. A database copy alone does not reveal the private key.

export const DKIM_SETTING_KEY = "dkim.key";
export const DKIM_SEAL_PURPOSE = "dkim";

export const storedDkimKeySchema = z.object({
  domain: z.string().min(1),
  selector: z.string().min(1),
  /** SubjectPublicKeyInfo DER, base64: exactly the `p=` value of the DNS record (RFC 6376 section 3.6.1). */
  publicKey: z.string().min(1),
  /** PKCS#8 PEM sealed with the master key ring, base64. */
  sealed: z.string().min(1),
  keyId: z.string().min(1),
  createdAt: z.string(),
});

export type StoredDkimKey = z.infer<typeof storedDkimKeySchema>;

/** The sealed key's associated data names the DNS name it is published under, so a row cannot be swapped. */
export function dkimSealId(key: { selector: string; domain: string }): string {
  return `${key.selector}._domainkey.${key.domain}`;
}

export function parseStoredDkimKey(value: string | undefined): StoredDkimKey | null {
  if (value === undefined) return null;
  try {
    const parsed = storedDkimKeySchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type DkimDnsRecord = {
  /** `<selector>._domainkey.<domain>` */
  name: string;
  /** The TXT value: `v=DKIM1; k=rsa; p=…`. */
  value: string;
  /**
   * The value split into quoted strings of at most 255 characters, as a zone file needs them for a 2048-bit
   * key (RFC 6376 section 3.6.2.2: the strings are concatenated).
   */
  zoneFileLine: string;
  /** SHA-256 of the public key, for the audit trail and for telling keys apart. */
  fingerprint: string;
};

export function describeDkimRecord(key: { selector: string; domain: string; publicKey: string }): DkimDnsRecord {
  const name = dkimSealId(key);
  const value = `v=DKIM1; k=rsa; p=${key.publicKey}`;
  const chunks = value.match(/.{1,255}/g) ?? [value];
  return {
    name,
    value,
    zoneFileLine: `${name}. IN TXT ( ${chunks.map((chunk) => `"${chunk}"`).join(" ")} )`,
    fingerprint: fingerprintPublicKey(Buffer.from(key.publicKey, "base64")),
  };
}

export function fingerprintPublicKey(spkiDer: Buffer): string {
  return `SHA256:${createHash("sha256").update(spkiDer).digest("base64").replace(/=+$/, "")}`;
}

/** The SubjectPublicKeyInfo DER (base64) of a PEM private or public key. */
export function publicKeyOf(pem: string): string {
  return createPublicKey(pem).export({ type: "spki", format: "der" }).toString("base64");
}
