import { submitApiMessage } from "@/lib/intake/submit-api-message";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Queue a message: see lib/intake/submit-api-message.ts. */
export function POST(request: Request): Promise<Response> {
  return submitApiMessage(request);
}
