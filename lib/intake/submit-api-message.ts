import type { z } from "zod";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { acceptMessage } from "@/lib/intake/accept-message";
import { apiMessageSchema, idempotencyKeySchema } from "@/lib/intake/api-message-schema";
import { apiError, apiJson } from "@/lib/intake/api-response";
import { authenticateApiRequest } from "@/lib/intake/authenticate-api-request";
import { composeApiMessage } from "@/lib/intake/compose-api-message";
import { describeError } from "@/lib/intake/describe-error";
import { IntakeError } from "@/lib/intake/intake-error";
import { readRequestBody } from "@/lib/intake/read-request-body";

/**
 * POST /api/v1/messages: authenticate the token, validate, compose the MIME message in the owner's name and
 * hand it to the same intake as SMTP. 202 for a new message, 200 with the same body for an idempotent replay.
 */
export async function submitApiMessage(request: Request): Promise<Response> {
  const auth = await authenticateApiRequest(request);
  if ("response" in auth) return auth.response;
  const { token } = auth;
  const maxBytes = getConfig().SMTP_MAX_MESSAGE_BYTES;

  const keyHeader = request.headers.get("idempotency-key");
  const key = keyHeader === null ? null : idempotencyKeySchema.safeParse(keyHeader);
  if (key && !key.success) {
    return apiError(400, "invalid-request", "The Idempotency-Key header is invalid.", { "Idempotency-Key": key.error.issues[0]!.message });
  }

  // Base64 attachments and JSON escaping inflate the body; the composed message is checked exactly below.
  const body = await readRequestBody(request, maxBytes * 2 + 1024 * 1024);
  if (!body) return tooLarge(maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return apiError(400, "invalid-json", "The request body is not valid JSON. Send a JSON object with to, subject and text or html.");
  }
  const parsed = apiMessageSchema.safeParse(json);
  if (!parsed.success) return apiError(400, "invalid-request", "Some fields are invalid; see fields for each one.", fieldErrors(parsed.error));
  const message = parsed.data;
  const raw = await composeApiMessage(message, { name: token.name, email: token.email });
  if (raw.length > maxBytes) return tooLarge(maxBytes);

  const recipients = [...message.to, ...(message.cc ?? [])];
  try {
    const accepted = await acceptMessage({
      source: "api",
      raw,
      envelopeFrom: token.email,
      recipients,
      senderUserId: token.userId,
      idempotencyKey: key?.data ?? null,
      forceEscrow: message.forceEscrow,
      actor: { type: "api-token", id: token.tokenId },
    });
    const statuses = accepted.duplicate ? await currentStatuses(accepted.messageId) : new Map<string, string>();
    return apiJson(accepted.duplicate ? 200 : 202, {
      id: accepted.messageId,
      status: "queued",
      recipients: accepted.recipients.map((r) => ({ address: r.address, status: statuses.get(r.id) ?? "queued" })),
    });
  } catch (error) {
    if (error instanceof IntakeError) return apiError(400, error.code, error.message, recipientFields(error, message.to.length));
    console.error(`sealpost api: could not queue a message for user ${token.userId}: ${describeError(error)}`);
    return apiError(503, "temporarily-unavailable", "The message could not be stored. Nothing was queued; try again shortly.", undefined, {
      "Retry-After": "30",
    });
  }
}

function tooLarge(maxBytes: number): Response {
  return apiError(413, "message-too-large", `The message is larger than the ${maxBytes}-byte limit. Send smaller attachments.`);
}

async function currentStatuses(messageId: string): Promise<Map<string, string>> {
  const rows = await getDb().recipient.findMany({ where: { messageId }, select: { id: true, status: true } });
  return new Map(rows.map((row) => [row.id, row.status]));
}

/** zod issues as { "to.1": "must be an email address" }; the first problem per field is enough to fix it. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k].join(".")) : [issue.path.join(".") || "body"];
    for (const field of keys) fields[field] ??= issue.code === "unrecognized_keys" ? "unknown field" : issue.message;
  }
  return fields;
}

/** acceptMessage numbers recipients across to + cc; name them as the request did. */
function recipientFields(error: IntakeError, toCount: number): Record<string, string> {
  if (error.code === "too-many-recipients" || error.code === "no-recipients") return { to: error.message };
  const fields: Record<string, string> = {};
  for (const [index, problem] of Object.entries(error.fields)) {
    const i = Number(index);
    fields[Number.isInteger(i) ? (i < toCount ? `to.${i}` : `cc.${i - toCount}`) : index] = problem;
  }
  return fields;
}
