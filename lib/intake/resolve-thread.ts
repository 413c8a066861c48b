import type { Tx } from "@/lib/db";
import type { ThreadReferences } from "@/lib/intake/sealpost-message-id";

export type ThreadLink = { threadId: string; inReplyToId: string | null; secure: boolean };

export type ThreadRequest = {
  /** The message this one answers, named by the caller (portal replies). Wins over headers. */
  inReplyToId?: string | null;
  /** An existing thread named by the caller. */
  threadId?: string | null;
  /** Sealpost ids found in In-Reply-To / References. */
  references: ThreadReferences;
};

/**
 * Finds the thread a new message belongs to, inside the accept transaction: the thread of the message it
 * answers (named by the caller or by its In-Reply-To / References headers), else a new thread. A message
 * from before threads existed gets its thread on its first reply.
 */
export async function resolveThread(tx: Tx, request: ThreadRequest): Promise<ThreadLink> {
  if (request.inReplyToId) {
    const original = await tx.message.findUnique({ where: { id: request.inReplyToId }, select: { id: true } });
    if (!original) throw new Error(`Message ${request.inReplyToId} to reply to does not exist.`);
    return { ...(await threadOf(tx, original.id)), inReplyToId: original.id };
  }
  if (request.threadId) {
    const thread = await tx.thread.findUnique({ where: { id: request.threadId }, select: { id: true, secure: true } });
    if (!thread) throw new Error(`Thread ${request.threadId} does not exist.`);
    return { threadId: thread.id, secure: thread.secure, inReplyToId: null };
  }
  const { inReplyTo, references } = request.references;
  const candidates = [...(inReplyTo ? [inReplyTo] : []), ...references];
  if (candidates.length > 0) {
    const found = await tx.message.findMany({ where: { id: { in: candidates } }, select: { id: true } });
    const known = new Set(found.map((message) => message.id));
    const answered = candidates.find((id) => known.has(id));
    if (answered) {
      return { ...(await threadOf(tx, answered)), inReplyToId: inReplyTo && known.has(inReplyTo) ? inReplyTo : null };
    }
  }
  const thread = await tx.thread.create({ data: {}, select: { id: true } });
  return { threadId: thread.id, secure: false, inReplyToId: null };
}

async function threadOf(tx: Tx, messageId: string): Promise<{ threadId: string; secure: boolean }> {
  const message = await tx.message.findUniqueOrThrow({
    where: { id: messageId },
    select: { thread: { select: { id: true, secure: true } } },
  });
  if (message.thread) return { threadId: message.thread.id, secure: message.thread.secure };
  const thread = await tx.thread.create({ data: {}, select: { id: true } });
  await tx.message.update({ where: { id: messageId }, data: { threadId: thread.id } });
  return { threadId: thread.id, secure: false };
}
