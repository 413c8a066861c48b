import { randomBytes } from "node:crypto";
import { openWithMasterKey, sealWithMasterKey } from "@/lib/escrow/envelope";
import type { KeyRing } from "@/lib/escrow/key-ring";

// The signing secret must be readable by the worker (HMAC needs the key itself), so it cannot be hashed like
// tokens: it is sealed with the master key ring instead, and a database copy alone does not reveal it.

const PURPOSE = "webhook";

/** A new signing secret: `whsec_` + 256 random bits, base64url. Shown to its owner once, at creation. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function sealWebhookSecret(ring: KeyRing, webhookId: string, secret: string): { secretSealed: Buffer<ArrayBuffer>; secretKeyId: string } {
  const { sealed, keyId } = sealWithMasterKey(ring, PURPOSE, webhookId, Buffer.from(secret, "utf8"));
  return { secretSealed: sealed, secretKeyId: keyId };
}

export function openWebhookSecret(ring: KeyRing, webhook: { id: string; secretSealed: Uint8Array; secretKeyId: string }): string {
  return openWithMasterKey(ring, PURPOSE, webhook.id, { sealed: webhook.secretSealed, keyId: webhook.secretKeyId }).toString("utf8");
}
