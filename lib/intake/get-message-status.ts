import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import { apiError, apiJson } from "@/lib/intake/api-response";
import { authenticateApiRequest } from "@/lib/intake/authenticate-api-request";
import { readMessageTimeline } from "@/lib/portal/sender/read-message-timeline";

const MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * GET /api/v1/messages/:id: delivery status per recipient, for the sender who sent it. Anyone else gets the
 * same 404 as for an unknown id (no way to probe which ids exist), and the attempt is audited.
 */
export async function getMessageStatus(request: Request, id: string): Promise<Response> {
  const auth = await authenticateApiRequest(request);
  if ("response" in auth) return auth.response;
  const { token } = auth;
  const owned = MESSAGE_ID.test(id) ? await readMessageTimeline(id) : null;
  const message = owned?.timeline ?? null;
  if (!message || owned?.senderUserId !== token.userId) {
    await getDb().$transaction((tx) =>
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
    // The read orders recipients by address already.
    recipients: message.recipients.map((r) => ({
      address: r.address,
      status: r.status,
      outcomeClass: r.outcomeClass,
      outcomeAt: r.outcomeAt?.toISOString() ?? null,
      tlsProtocol: r.tlsProtocol,
      tlsCipher: r.tlsCipher,
      attempts: r.attempts.length,
      notifiedAt: r.notifiedAt?.toISOString() ?? null,
    })),
  });
}
