import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type DeliveryAttemptView = {
  id: string;
  startedAt: Date;
  durationMs: number;
  mxHost: string | null;
  mxIp: string | null;
  port: number | null;
  starttlsOffered: boolean | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  certSubject: string | null;
  certIssuer: string | null;
  certFingerprint: string | null;
  certValidFrom: Date | null;
  certValidTo: Date | null;
  failureClass: string | null;
  failureDetail: string | null;
  outcome: string;
};

export type MessageStatus = {
  id: string;
  createdAt: Date;
  fromName: string;
  fromAddress: string;
  source: string;
  recipients: {
    id: string;
    address: string;
    status: string;
    outcomeClass: string | null;
    outcomeAt: Date | null;
    notifiedAt: Date | null;
    tlsProtocol: string | null;
    tlsCipher: string | null;
    attempts: DeliveryAttemptView[];
  }[];
};

/**
 * Delivery status of one message for its sender or an admin: per recipient the outcome and every attempt with
 * its TLS details. Null when the message does not exist or the actor may not see it; a refusal is audited
 * (`access.denied`). Sealed content is never read.
 */
export async function getMessageStatus(
  actor: Actor,
  messageId: string,
  context: { sourceIp?: string | null } = {},
): Promise<MessageStatus | null> {
  const message = await getDb().message.findUnique({
    where: { id: messageId },
    select: {
      id: true,
      createdAt: true,
      fromName: true,
      fromAddress: true,
      source: true,
      senderUserId: true,
      recipients: {
        orderBy: { address: "asc" },
        select: {
          id: true,
          address: true,
          status: true,
          outcomeClass: true,
          outcomeAt: true,
          notifiedAt: true,
          tlsProtocol: true,
          tlsCipher: true,
          attempts: {
            orderBy: { startedAt: "asc" },
            select: {
              id: true, startedAt: true, durationMs: true, mxHost: true, mxIp: true, port: true, starttlsOffered: true,
              tlsProtocol: true, tlsCipher: true, certSubject: true, certIssuer: true, certFingerprint: true,
              certValidFrom: true, certValidTo: true, failureClass: true, failureDetail: true, outcome: true,
            },
          },
        },
      },
    },
  });
  if (!message) return null;
  const allowed = actor.role === "admin" || (actor.role === "sender" && message.senderUserId === actor.id);
  if (!allowed) {
    await recordAccessDenied({ actor, resource: `message:${messageId}`, reason: "not-owner", messageId, sourceIp: context.sourceIp });
    return null;
  }
  const { senderUserId: _owner, ...status } = message;
  return status;
}
