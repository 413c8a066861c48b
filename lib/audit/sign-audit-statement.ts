import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical-json";

// Checkpoints and bundles are vouched for by Ed25519 signatures (RFC 8032) over the canonical JSON of a small
// statement. The two kinds of statement have different key sets, so a signature made for one can never be
// passed off as the other.

/** The key id printed beside every signature: the first 16 hex digits of SHA-256 over the public key's SPKI DER. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);
}

/** Reads an Ed25519 public key from PEM (SPKI); a private key PEM yields its public half. Throws on anything else. */
export function readAuditPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new TypeError("This is not a PEM public key. Use the output of `sealpost audit public-key`.");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new TypeError(`This is a ${key.asymmetricKeyType ?? "unknown"} key; audit signatures use Ed25519.`);
  }
  return key;
}

/** Base64 Ed25519 signature over canonicalJson(statement). */
export function signAuditStatement(privateKey: KeyObject, statement: Record<string, unknown>): string {
  return sign(null, Buffer.from(canonicalJson(statement), "utf8"), privateKey).toString("base64");
}

export function verifyAuditStatement(publicKey: KeyObject, statement: Record<string, unknown>, signature: string): boolean {
  const bytes = Buffer.from(signature, "base64");
  // Ed25519 signatures are 64 bytes; Buffer.from silently drops what is not base64, so check the length.
  if (bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(statement), "utf8"), publicKey, bytes);
  } catch {
    return false;
  }
}
