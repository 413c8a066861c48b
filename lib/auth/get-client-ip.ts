/**
 * The client address for audit events: the first X-Forwarded-For entry (Next.js sets it from the socket, and a
 * reverse proxy in front appends to it), else X-Real-IP. A client talking to the server directly can forge
 * the header, so this is evidence for reviewers, never an access decision.
 */
export function getClientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
