import { Secret } from "otpauth";
import { openWithMasterKey, sealWithMasterKey } from "@/lib/escrow/envelope";
import type { KeyRing } from "@/lib/escrow/key-ring";

// The TOTP shared secret must be readable to check codes (RFC 6238 section 4: both sides compute the HMAC), so
// it cannot be hashed like tokens: it is sealed with the master key ring, and a database copy alone does not
// reveal it. Bound to the user's id, so a sealed secret copied onto another account does not open.

const PURPOSE = "totp";

/** A new shared secret: 160 random bits (the HMAC-SHA1 key length RFC 4226 section 4 recommends), base32. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function sealTotpSecret(ring: KeyRing, userId: string, secret: string): { totpSecretSealed: Buffer<ArrayBuffer>; totpKeyId: string } {
  const { sealed, keyId } = sealWithMasterKey(ring, PURPOSE, userId, Buffer.from(secret, "utf8"));
  return { totpSecretSealed: sealed, totpKeyId: keyId };
}

/** The base32 secret, or null when the user has none stored. */
export function openTotpSecret(ring: KeyRing, user: { id: string; totpSecretSealed: Uint8Array | null; totpKeyId: string | null }): string | null {
  if (!user.totpSecretSealed || !user.totpKeyId) return null;
  return openWithMasterKey(ring, PURPOSE, user.id, { sealed: user.totpSecretSealed, keyId: user.totpKeyId }).toString("utf8");
}
