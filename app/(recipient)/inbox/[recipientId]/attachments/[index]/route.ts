import { z } from "zod";
import { gateRecipientRoute, notFoundResponse } from "@/app/(recipient)/inbox/[recipientId]/gate-recipient-route";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { downloadHeaders } from "@/lib/portal/read/download-headers";
import { getMessageAttachment } from "@/lib/portal/read/get-message-attachment";
import { recordDownload } from "@/lib/portal/read/record-download";

export const dynamic = "force-dynamic";

const indexSchema = z.coerce.number().int().min(0).max(10_000);

/** One attachment, for the rightful recipient only; always saved as a file, never rendered by the browser. */
export async function GET(request: Request, { params }: { params: Promise<{ recipientId: string; index: string }> }): Promise<Response> {
  const { recipientId, index: rawIndex } = await params;
  const index = indexSchema.safeParse(rawIndex);
  const gated = await gateRecipientRoute(request, recipientId);
  if (!gated || !index.success) return notFoundResponse();
  // Crypto-shredded content: nothing to download (the read page explains).
  const attachment = await getMessageAttachment(gated.access, index.data).catch((error: unknown) => {
    if (error instanceof ShreddedError) return null;
    throw error;
  });
  if (!attachment) return notFoundResponse();
  await recordDownload(gated.actor, gated.access, { kind: "attachment", index: index.data, size: attachment.content.length }, gated.sourceIp);
  return new Response(new Uint8Array(attachment.content), {
    headers: downloadHeaders({ filename: attachment.filename, contentType: attachment.contentType, size: attachment.content.length }),
  });
}
