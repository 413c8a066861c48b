import { getMessageStatus } from "@/lib/intake/get-message-status";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Delivery status of one of the caller's messages: see lib/intake/get-message-status.ts. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return getMessageStatus(request, id);
}
