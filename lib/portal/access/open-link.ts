import { recordAuditEvent } from "@/lib/audit/record-event";
import { consumeAddressProof } from "@/lib/auth/consume-address-proof";
import { createAddressProofValue } from "@/lib/auth/read-address-proof";
import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getOpenLink, type OpenLinkState } from "@/lib/portal/access/get-open-link";

export type OpenLinkOutcome =
  /** Already signed in as the address: the link is used up and the message can be shown. */
  | { next: "inbox"; recipientId: string }
  /** Carry `proof` (cookie) to the next step; the link is used up only when that step completes. */
  | { next: "sign-in" | "register" | "wrong-account"; recipientId: string; proof: string }
  | { next: "refused"; state: Exclude<OpenLinkState, "valid"> };

/**
 * The person pressed "Open the message" on the landing page (a POST, which scanners do not send). Decides the
 * next step from who the link is for: an existing account signs in, a new address registers, and someone
 * signed in with another account is told so. Audited as `link.opened`.
 */
export async function openLink(
  token: string,
  ctx: { actor: Actor | null; sourceIp: string | null; userAgent: string | null; now?: Date },
): Promise<OpenLinkOutcome> {
  const now = ctx.now ?? new Date();
  const open = await getOpenLink(token, now);
  if (open.state !== "valid") return { next: "refused", state: open.state };
  const { link } = open;
  const db = getDb();
  const hasAccount = (await db.user.count({ where: { email: link.email } })) > 0;
  const next = ctx.actor ? (ctx.actor.email === link.email ? "inbox" : "wrong-account") : hasAccount ? "sign-in" : "register";
  return db.$transaction(async (tx): Promise<OpenLinkOutcome> => {
    const proof = { accessTokenId: link.accessTokenId, recipientId: link.recipientId, messageId: link.messageId, email: link.email };
    if (ctx.actor && next === "inbox" && !(await consumeAddressProof(tx, proof, ctx.actor.id, now))) {
      return { next: "refused", state: "used" };
    }
    await recordAuditEvent(tx, {
      type: "link.opened",
      actorType: ctx.actor ? "user" : "system",
      actorId: ctx.actor?.id ?? null,
      sourceIp: ctx.sourceIp,
      messageId: link.messageId,
      recipientId: link.recipientId,
      outcome: "success",
      data: { next, accessTokenId: link.accessTokenId, userAgent: (ctx.userAgent ?? "").slice(0, 300) },
    });
    if (next === "inbox") return { next, recipientId: link.recipientId };
    return { next, recipientId: link.recipientId, proof: createAddressProofValue(link.accessTokenId, now) };
  });
}
