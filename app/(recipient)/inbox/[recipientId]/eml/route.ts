import { gateRecipientRoute, notFoundResponse } from "@/app/(recipient)/inbox/[recipientId]/gate-recipient-route";
import { readMessageMime } from "@/lib/escrow/read-message-content";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { downloadHeaders } from "@/lib/portal/read/download-headers";
import { recordDownload } from "@/lib/portal/read/record-download";

export const dynamic = "force-dynamic";

/**
 * The original message exactly as received (RFC 5322), to keep or open in a mail program. The file name is
 * fixed: a subject in it would put message content into download lists and file systems.
 */
export async function GET(request: Request, { params }: { params: Promise<{ recipientId: string }> }): Promise<Response> {
  const { recipientId } = await params;
  const gated = await gateRecipientRoute(request, recipientId);
  if (!gated) return notFoundResponse();
  // Crypto-shredded content: nothing to download (the read page explains).
  const mime = await readMessageMime(gated.access.message.id).catch((error: unknown) => {
    if (error instanceof ShreddedError) return null;
    throw error;
  });
  if (!mime) return notFoundResponse();
  await recordDownload(gated.actor, gated.access, { kind: "eml", size: mime.length }, gated.sourceIp);
  return new Response(new Uint8Array(mime), {
    headers: downloadHeaders({ filename: "secure-message.eml", contentType: "message/rfc822", size: mime.length }),
  });
}
