import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

// The one gate between a signed-in person and a message (issue 3, portal.md "Identity"). Every page, action and
// route handler that touches a message calls one of these itself; layouts and proxy.ts are not boundaries.
// A refusal is audited (`access.denied`) and thrown as AccessDeniedError, which callers answer with a 404 so
// the existence of a message is never confirmed to someone who may not see it.

export type AccessContext = { sourceIp?: string | null; now?: Date };

export type MessageMeta = {
  id: string;
  fromName: string;
  fromAddress: string;
  createdAt: Date;
  senderUserId: string | null;
  threadId: string | null;
  inReplyToId: string | null;
};

/** One Recipient row as the recipient view needs it; the passphrase hash never leaves this file. */
export type RecipientRow = {
  id: string;
  messageId: string;
  address: string;
  status: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  notifiedAt: Date | null;
  firstViewedAt: Date | null;
  repliedAt: Date | null;
  passphraseRequired: boolean;
  passphraseVerifiedAt: Date | null;
  passphraseLockedUntil: Date | null;
};

export type RecipientAccess = { recipient: RecipientRow; message: MessageMeta };

/**
 * open: may read. passphrase-required: the sender set a passphrase not yet verified (send the person to
 * `/inbox/[recipientId]/passphrase`). revoked / expired: the rightful recipient is told in plain words rather
 * than shown a 404 — they know the message exists, it is their own.
 */
export type RecipientAccessState = "open" | "passphrase-required" | "revoked" | "expired";

/** Thrown by requireRecipientAccess for the rightful recipient when the message cannot be opened right now. */
export class RecipientAccessBlockedError extends Error {
  constructor(
    readonly state: Exclude<RecipientAccessState, "open">,
    readonly access: RecipientAccess,
  ) {
    super(`Recipient ${access.recipient.id} access is ${state}`);
    this.name = "RecipientAccessBlockedError";
  }
}

const messageSelect = {
  id: true, fromName: true, fromAddress: true, createdAt: true, senderUserId: true, threadId: true, inReplyToId: true,
} as const;

/** Addresses compare case-insensitively: User.email is stored lower-case, Recipient.address keeps its spelling. */
function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

async function deny(actor: Actor, resource: string, reason: string, messageId: string | null, ctx: AccessContext): Promise<never> {
  await recordAccessDenied({ actor, resource, reason, messageId, sourceIp: ctx.sourceIp });
  throw new AccessDeniedError(actor.id, resource);
}

/** The actor must still exist and not be deactivated: the gate does not trust that its caller re-read them. */
async function isActive(actor: Actor): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: actor.id }, select: { deactivatedAt: true } });
  return user !== null && user.deactivatedAt === null;
}

/**
 * Rule (a): the recipient view. The actor's email must equal this row's address and the row must be escrowed
 * (delivered mail already sits in the person's own mailbox; queued mail may still be delivered). Returns the
 * state rather than throwing for revoked / expired / passphrase so pages can explain; a refused blocked state
 * is still audited because access was refused.
 */
export async function getRecipientAccess(actor: Actor, recipientId: string, ctx: AccessContext = {}): Promise<{ state: RecipientAccessState } & RecipientAccess> {
  const resource = `recipient:${recipientId}`;
  const row = await getDb().recipient.findUnique({
    where: { id: recipientId },
    select: {
      id: true, messageId: true, address: true, status: true, expiresAt: true, revokedAt: true, notifiedAt: true,
      firstViewedAt: true, repliedAt: true, passphraseHash: true, passphraseVerifiedAt: true, passphraseLockedUntil: true,
      message: { select: messageSelect },
    },
  });
  if (!row) return deny(actor, resource, "not-found", null, ctx);
  if (!sameAddress(row.address, actor.email)) return deny(actor, resource, "not-recipient", row.messageId, ctx);
  if (row.status !== "escrowed") return deny(actor, resource, "not-escrowed", row.messageId, ctx);
  if (!(await isActive(actor))) return deny(actor, resource, "deactivated", row.messageId, ctx);

  const { passphraseHash, message, ...rest } = row;
  const access: RecipientAccess = { recipient: { ...rest, passphraseRequired: passphraseHash !== null }, message };
  const now = ctx.now ?? new Date();
  let state: RecipientAccessState = "open";
  if (row.revokedAt) state = "revoked";
  else if (row.expiresAt && row.expiresAt <= now) state = "expired";
  else if (passphraseHash !== null && !row.passphraseVerifiedAt) state = "passphrase-required";
  if (state === "revoked" || state === "expired") {
    await recordAccessDenied({ actor, resource, reason: state, messageId: row.messageId, sourceIp: ctx.sourceIp });
  }
  return { state, ...access };
}

/**
 * Rule (a) for content: the Recipient row + message meta when the actor may read it now. Throws
 * AccessDeniedError (audited) for anyone else and RecipientAccessBlockedError for the rightful recipient of a
 * revoked or expired message or one whose passphrase is pending (`allowPassphrasePending` is for the passphrase
 * page itself).
 */
export async function requireRecipientAccess(
  actor: Actor,
  recipientId: string,
  ctx: AccessContext & { allowPassphrasePending?: boolean } = {},
): Promise<RecipientAccess> {
  const { state, ...access } = await getRecipientAccess(actor, recipientId, ctx);
  if (state === "open" || (state === "passphrase-required" && ctx.allowPassphrasePending)) return access;
  throw new RecipientAccessBlockedError(state, access);
}

/** Rule (b): the message's own sender (any role: an admin who sent mail is its sender too). */
export async function requireSenderAccess(actor: Actor, messageId: string, ctx: AccessContext = {}): Promise<MessageMeta> {
  const resource = `message:${messageId}`;
  const message = await getDb().message.findUnique({ where: { id: messageId }, select: messageSelect });
  if (!message) return deny(actor, resource, "not-found", null, ctx);
  if (message.senderUserId !== actor.id) return deny(actor, resource, "not-owner", messageId, ctx);
  if (!(await isActive(actor))) return deny(actor, resource, "deactivated", messageId, ctx);
  return message;
}

/**
 * Rule (c): status pages (timeline, outcomes) for the sender or an admin. Callers must not read sealed content
 * on this gate's word: an admin who is not the sender sees status only.
 */
export async function requireStatusAccess(actor: Actor, messageId: string, ctx: AccessContext = {}): Promise<MessageMeta & { viewerIsSender: boolean }> {
  const resource = `message:${messageId}`;
  const message = await getDb().message.findUnique({ where: { id: messageId }, select: messageSelect });
  if (!message) return deny(actor, resource, "not-found", null, ctx);
  const viewerIsSender = message.senderUserId === actor.id;
  if (!viewerIsSender && actor.role !== "admin") return deny(actor, resource, "not-owner", messageId, ctx);
  if (!(await isActive(actor))) return deny(actor, resource, "deactivated", messageId, ctx);
  return { ...message, viewerIsSender };
}
