import { simpleParser } from "mailparser";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { readMessageMime, readMessageSubject } from "@/lib/escrow/read-message-content";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import type { AccessContext } from "@/lib/portal/require-message-access";

export type ThreadMessage = {
  messageId: string;
  /** outgoing: the actor sent it; incoming: the actor is one of its (escrowed, readable) recipients. */
  direction: "incoming" | "outgoing";
  /** The actor's own Recipient row of an incoming message: its read page is /inbox/<recipientId>. */
  recipientId: string | null;
  fromName: string;
  fromAddress: string;
  createdAt: Date;
  /** Null when the message was deleted (crypto-shredded). */
  subject: string | null;
  text: string | null;
  isCurrent: boolean;
};

const MAX_MESSAGES = 100;
const MAX_TEXT_CHARS = 20_000;

type Candidate = {
  id: string;
  senderUserId: string | null;
  recipients: { id: string; address: string; status: string; revokedAt: Date | null; expiresAt: Date | null; passphraseHash: string | null; passphraseVerifiedAt: Date | null }[];
};

/**
 * The conversation `messageId` belongs to, as the actor may see it: only the messages they sent, and those sent
 * to them that they could open right now (escrowed, not revoked or expired, passphrase verified), oldest first.
 * Subjects and bodies are decrypted for those messages only. The actor must be able to see `messageId` itself;
 * otherwise the refusal is audited and AccessDeniedError thrown (pages answer 404).
 */
export async function listThreadMessages(actor: Actor, messageId: string, ctx: AccessContext = {}): Promise<ThreadMessage[]> {
  const now = ctx.now ?? new Date();
  const anchor = await getDb().message.findUnique({ where: { id: messageId }, select: { ...candidateSelect, threadId: true } });
  if (!anchor || !visibleTo(actor, anchor, now)) {
    const resource = `thread-of:${messageId}`;
    await recordAccessDenied({ actor, resource, reason: anchor ? "not-party" : "not-found", messageId: anchor ? messageId : null, sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, resource);
  }
  const messages = anchor.threadId
    ? await getDb().message.findMany({
        where: { threadId: anchor.threadId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: MAX_MESSAGES,
        select: { ...candidateSelect, fromName: true, fromAddress: true, createdAt: true },
      })
    : await getDb().message.findMany({ where: { id: messageId }, select: { ...candidateSelect, fromName: true, fromAddress: true, createdAt: true } });

  const visible = messages.flatMap((message) => {
    const view = visibleTo(actor, message, now);
    return view ? [{ message, view }] : [];
  });
  // One message at a time: each decrypt holds a whole MIME (attachments included) in memory.
  const listed: ThreadMessage[] = [];
  for (const { message, view } of visible) {
    listed.push({
      messageId: message.id,
      direction: view.direction,
      recipientId: view.recipientId,
      fromName: message.fromName,
      fromAddress: message.fromAddress,
      createdAt: message.createdAt,
      ...(await readContent(message.id)),
      isCurrent: message.id === messageId,
    });
  }
  return listed;
}

const candidateSelect = {
  id: true,
  senderUserId: true,
  recipients: {
    select: { id: true, address: true, status: true, revokedAt: true, expiresAt: true, passphraseHash: true, passphraseVerifiedAt: true },
  },
} as const;

/** The portal's identity rules (b) then (a): the sender, or a recipient whose own row is open now. */
function visibleTo(actor: Actor, message: Candidate, now: Date): { direction: ThreadMessage["direction"]; recipientId: string | null } | null {
  if (message.senderUserId === actor.id) return { direction: "outgoing", recipientId: null };
  const email = actor.email.toLowerCase();
  const own = message.recipients.find(
    (row) =>
      row.address.toLowerCase() === email &&
      row.status === "escrowed" &&
      !row.revokedAt &&
      !(row.expiresAt && row.expiresAt <= now) &&
      (row.passphraseHash === null || row.passphraseVerifiedAt !== null),
  );
  return own ? { direction: "incoming", recipientId: own.id } : null;
}

async function readContent(messageId: string): Promise<{ subject: string | null; text: string | null }> {
  try {
    const [subject, mime] = await Promise.all([readMessageSubject(messageId), readMessageMime(messageId)]);
    const parsed = await simpleParser(mime, { skipImageLinks: true, skipTextLinks: true });
    mime.fill(0);
    const text = parsed.text ?? "";
    return { subject, text: text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}\n[…]` : text };
  } catch (error) {
    if (error instanceof ShreddedError) return { subject: null, text: null };
    throw error;
  }
}
