import { verifyApiToken, type VerifiedApiToken } from "@/lib/auth/api-tokens";
import { apiError } from "@/lib/intake/api-response";

/** The token owner from `Authorization: Bearer sp_…`, or the 401 to answer with (RFC 6750 §3). */
export async function authenticateApiRequest(request: Request): Promise<{ token: VerifiedApiToken } | { response: Response }> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) {
    return {
      response: apiError(401, "unauthorized", "Send an API token: Authorization: Bearer sp_…", undefined, { "WWW-Authenticate": 'Bearer realm="sealpost"' }),
    };
  }
  const token = await verifyApiToken(match[1]!);
  if (!token) {
    return {
      response: apiError(401, "invalid-token", "The API token is unknown or revoked, or its user is deactivated or no longer a sender. Create a new token.", undefined, {
        "WWW-Authenticate": 'Bearer realm="sealpost", error="invalid_token"',
      }),
    };
  }
  return { token };
}
