import { readSignedValue, signValue } from "@/lib/auth/signed-value";
import { ADDRESS_PROOF_TTL_MS } from "@/lib/auth/access-cookies";
import { getDb } from "@/lib/db";

/** A portal link, clicked by a person, showed that this browser's user receives mail at `email`. */
export type AddressProof = { accessTokenId: string; recipientId: string; messageId: string; email: string };

/** The cookie value that carries a proof from the landing page's button to registration or sign-in. */
export function createAddressProofValue(accessTokenId: string, now = new Date()): string {
  return signValue("address-proof", { accessTokenId }, ADDRESS_PROOF_TTL_MS, now);
}

/**
 * The proof in a cookie value, checked against the database: the link it names must still be a usable
 * portal link (not consumed, not expired) for a recipient whose access has not been revoked or ended.
 * The email is the recipient address, lower-cased (one account per address).
 */
export async function readAddressProof(value: string | null | undefined, now = new Date()): Promise<AddressProof | null> {
  const payload = readSignedValue("address-proof", value, now);
  if (typeof payload?.accessTokenId !== "string") return null;
  const row = await getDb().accessToken.findUnique({
    where: { id: payload.accessTokenId },
    select: {
      purpose: true,
      consumedAt: true,
      expiresAt: true,
      recipient: { select: { id: true, messageId: true, address: true, status: true, revokedAt: true, expiresAt: true } },
    },
  });
  const recipient = row?.recipient;
  if (!row || !recipient || row.purpose !== "portal-access" || row.consumedAt || row.expiresAt <= now) return null;
  if (recipient.status !== "escrowed" || recipient.revokedAt || (recipient.expiresAt && recipient.expiresAt <= now)) return null;
  return { accessTokenId: payload.accessTokenId, recipientId: recipient.id, messageId: recipient.messageId, email: recipient.address.toLowerCase() };
}
