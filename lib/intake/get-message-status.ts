import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import { apiError, apiJson } from "@/lib/intake/api-response";
import { authenticateApiRequest } from "@/lib/intake/authenticate-api-request";

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * GET /api/v1/messages/:id: delivery status per recipient, for the sender who sent it. Anyone else gets the
 * same 404 as for an unknown id (no way to probe which ids exist), and the attempt is audited.
 */
export async function getMessageStatus(request: Request, id: string): Promise<Response> {
  const auth = await authenticateApiRequest(request);
  if ("response" in auth) return auth.response;
  const { token } = auth;
  const db = getDb();
  const message = MESSAGE_ID.test(id)
    ? await db.message.findUnique({
        where: { id },
        select: {
          id: true,
          senderUserId: true,
          createdAt: true,
          forceEscrow: true,
          sizeBytes: true,
          recipients: {
            select: {
              address: true,
              status: true,
              outcomeClass: true,
              outcomeAt: true,
              tlsProtocol: true,
              tlsCipher: true,
              notifiedAt: true,
              _count: { select: { attempts: true } },
            },
          },
        },
      })
    : null;
  if (!message || message.senderUserId !== token.userId) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        type: "access.denied",
        actorType: "api-token",
        actorId: token.tokenId,
        messageId: message?.id ?? null,
        outcome: "denied",
        data: { resource: "message", reason: message ? "not-owner" : "not-found", userId: token.userId, requestedId: id.slice(0, 64) },
      }),
    );
    return apiError(404, "not-found", "There is no message with this id among the messages you sent.");
  }
  return apiJson(200, {
    id: message.id,
    createdAt: message.createdAt.toISOString(),
    forceEscrow: message.forceEscrow,
    sizeBytes: message.sizeBytes,
    recipients: message.recipients
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
      .map((r) => ({
        address: r.address,
        status: r.status,
        outcomeClass: r.outcomeClass,
        outcomeAt: r.outcomeAt?.toISOString() ?? null,
        tlsProtocol: r.tlsProtocol,
        tlsCipher: r.tlsCipher,
        attempts: r._count.attempts,
        notifiedAt: r.notifiedAt?.toISOString() ?? null,
      })),
  });
}
