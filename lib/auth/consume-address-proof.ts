import type { Tx } from "@/lib/db";
import type { AddressProof } from "@/lib/auth/read-address-proof";

/**
 * Uses up the portal link behind a proof, inside the transaction that registers or signs the person in, and
 * marks their address verified. False when the link was used (or expired) in the meantime: a link works once.
 */
export async function consumeAddressProof(tx: Tx, proof: AddressProof, userId: string, now = new Date()): Promise<boolean> {
  const { count } = await tx.accessToken.updateMany({
    where: { id: proof.accessTokenId, purpose: "portal-access", consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now, userId },
  });
  if (count !== 1) return false;
  await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  return true;
}
