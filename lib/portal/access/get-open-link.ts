import { hashToken } from "@/lib/auth/hash-token";
import { getDb } from "@/lib/db";

export type OpenLinkState = "valid" | "expired" | "used" | "unknown" | "revoked" | "message-expired";

type LinkFacts = {
  accessTokenId: string;
  recipientId: string;
  messageId: string;
  /** The recipient address, lower-cased: the account the link is for. */
  email: string;
  senderName: string;
  senderAddress: string;
  sentAt: Date;
  linkExpiresAt: Date;
  /** When reading ends (Recipient.expiresAt), if the sender set an end. */
  accessEndsAt: Date | null;
};

export type OpenLink = { state: "valid" | "expired"; link: LinkFacts } | { state: Exclude<OpenLinkState, "valid" | "expired">; link: LinkFacts | null };

/**
 * What a notification link points at. Reads only: link scanners fetch these URLs before people do, so showing
 * the landing page must neither use up the link nor count as a read. Revoked access and an ended reading period
 * win over the link's own state, because no new link would help there.
 */
export async function getOpenLink(token: string, now = new Date()): Promise<OpenLink> {
  const row = await getDb().accessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      purpose: true,
      expiresAt: true,
      consumedAt: true,
      recipient: {
        select: {
          id: true,
          address: true,
          status: true,
          expiresAt: true,
          revokedAt: true,
          message: { select: { id: true, fromName: true, fromAddress: true, createdAt: true } },
        },
      },
    },
  });
  if (!row || row.purpose !== "portal-access" || !row.recipient) return { state: "unknown", link: null };
  const { recipient } = row;
  const link: LinkFacts = {
    accessTokenId: row.id,
    recipientId: recipient.id,
    messageId: recipient.message.id,
    email: recipient.address.toLowerCase(),
    senderName: recipient.message.fromName || recipient.message.fromAddress,
    senderAddress: recipient.message.fromAddress,
    sentAt: recipient.message.createdAt,
    linkExpiresAt: row.expiresAt,
    accessEndsAt: recipient.expiresAt,
  };
  if (recipient.status !== "escrowed") return { state: "unknown", link };
  if (recipient.revokedAt) return { state: "revoked", link };
  if (recipient.expiresAt && recipient.expiresAt <= now) return { state: "message-expired", link };
  if (row.consumedAt) return { state: "used", link };
  if (row.expiresAt <= now) return { state: "expired", link };
  return { state: "valid", link };
}
