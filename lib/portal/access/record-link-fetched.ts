import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import type { OpenLink } from "@/lib/portal/access/get-open-link";

/**
 * Audits one fetch of a landing page (`link.fetched`): scanners and previews show up here, separate from the
 * human click (`link.opened`) and from reads (`message.opened`). The token itself is never recorded; the
 * AccessToken row id identifies the link.
 */
export async function recordLinkFetched(open: OpenLink, ctx: { sourceIp: string | null; userAgent: string | null }): Promise<void> {
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      type: "link.fetched",
      actorType: "system",
      sourceIp: ctx.sourceIp,
      messageId: open.link?.messageId ?? null,
      recipientId: open.link?.recipientId ?? null,
      outcome: "success",
      data: { state: open.state, accessTokenId: open.link?.accessTokenId ?? null, userAgent: (ctx.userAgent ?? "").slice(0, 300) },
    }),
  );
}
