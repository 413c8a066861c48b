import { generateToken, hashToken } from "@/lib/auth/hash-token";
import type { Tx } from "@/lib/db";

/**
 * Remembers the browser a user just proved themselves on (a device code, a portal link or a reset link reached
 * their address). Returns the device secret for the browser's cookie; only its hash is stored.
 */
export async function recordKnownDevice(tx: Tx, userId: string, userAgent: string | null): Promise<string> {
  const secret = generateToken();
  await tx.knownDevice.create({
    data: { userId, secretHash: hashToken(secret), userAgent: (userAgent ?? "").slice(0, 300) },
  });
  return secret;
}
