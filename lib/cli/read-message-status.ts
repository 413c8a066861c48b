import { getDb } from "@/lib/db";

/** Everything `sealpost status` shows: envelope facts and outcomes, never sealed content. */
export async function readMessageStatus(messageId: string) {
  return getDb().message.findUnique({
    where: { id: messageId },
    select: {
      id: true,
      source: true,
      envelopeFrom: true,
      forceEscrow: true,
      createdAt: true,
      recipients: {
        orderBy: { address: "asc" },
        select: {
          id: true,
          address: true,
          status: true,
          outcomeClass: true,
          outcomeAt: true,
          tlsProtocol: true,
          tlsCipher: true,
          notifiedAt: true,
          attempts: {
            orderBy: { startedAt: "asc" },
            select: {
              startedAt: true,
              durationMs: true,
              mxHost: true,
              mxIp: true,
              port: true,
              starttlsOffered: true,
              tlsProtocol: true,
              tlsCipher: true,
              certSubject: true,
              certFingerprint: true,
              failureClass: true,
              failureDetail: true,
              outcome: true,
            },
          },
        },
      },
    },
  });
}

export type MessageStatus = NonNullable<Awaited<ReturnType<typeof readMessageStatus>>>;
