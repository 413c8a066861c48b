import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { readMessageSubject } from "@/lib/escrow/read-message-content";
import { countInboxRecipients, findInboxRecipientIds } from "@/lib/portal/inbox/find-inbox-recipient-ids";

export const INBOX_PAGE_SIZE = 20;
// Subject search has to decrypt: subjects are sealed, so no index can see them. It is bounded to the person's
// own most recent SEARCH_LIMIT messages: one row read and one AES-GCM unwrap + open per message, about a
// millisecond each here, so a search costs at most about half a second of server time.
export const SEARCH_LIMIT = 500;

export type InboxItem = {
  recipientId: string;
  senderName: string;
  senderAddress: string;
  /** Null when the content is gone (crypto-shredded) or unreadable. */
  subject: string | null;
  sentAt: Date;
  expiresAt: Date | null;
  unread: boolean;
  state: "open" | "revoked" | "expired";
};

export type InboxPage = {
  items: InboxItem[];
  total: number;
  page: number;
  pageCount: number;
  query: string;
  /** The search looked at only the SEARCH_LIMIT most recent messages. */
  searchLimited: boolean;
};

async function subjectOf(messageId: string): Promise<string | null> {
  try {
    return await readMessageSubject(messageId);
  } catch {
    return null;
  }
}

type Row = Omit<InboxItem, "subject"> & { messageId: string };

async function loadRows(ids: string[], now: Date): Promise<Row[]> {
  const rows = await getDb().recipient.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, messageId: true, expiresAt: true, revokedAt: true, firstViewedAt: true,
      message: { select: { fromName: true, fromAddress: true, createdAt: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const state: InboxItem["state"] = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "open";
    return [{
      recipientId: row.id,
      messageId: row.messageId,
      senderName: row.message.fromName || row.message.fromAddress,
      senderAddress: row.message.fromAddress,
      sentAt: row.message.createdAt,
      expiresAt: row.expiresAt,
      unread: row.firstViewedAt === null,
      state,
    }];
  });
}

async function withSubject({ messageId, ...row }: Row): Promise<InboxItem> {
  return { ...row, subject: await subjectOf(messageId) };
}

function pageOf<T>(items: T[], page: number): T[] {
  return items.slice((page - 1) * INBOX_PAGE_SIZE, page * INBOX_PAGE_SIZE);
}

/**
 * The signed-in person's inbox: every escrowed Recipient row addressed to their email (across senders, and
 * including escrowed replies to a sender's own messages), newest first, with revoked and expired ones marked.
 * Only the subjects on the page shown are decrypted. A search matches sender name or address and subject,
 * case-insensitively, within the person's own messages only.
 */
export async function listInbox(actor: Actor, input: { page?: number; query?: string; now?: Date } = {}): Promise<InboxPage> {
  const now = input.now ?? new Date();
  const query = (input.query ?? "").trim().slice(0, 200);
  const requested = Math.max(1, Math.floor(input.page ?? 1));

  if (!query) {
    const total = await countInboxRecipients(actor.email);
    const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
    const page = Math.min(requested, pageCount);
    const ids = await findInboxRecipientIds(actor.email, { limit: INBOX_PAGE_SIZE, offset: (page - 1) * INBOX_PAGE_SIZE });
    const items = await Promise.all((await loadRows(ids, now)).map(withSubject));
    return { items, total, page, pageCount, query, searchLimited: false };
  }

  const needle = query.toLowerCase();
  const ids = await findInboxRecipientIds(actor.email, { limit: SEARCH_LIMIT + 1, offset: 0 });
  const searchLimited = ids.length > SEARCH_LIMIT;
  const matches: InboxItem[] = [];
  // One at a time: a search is rare, and this keeps a long inbox from holding hundreds of decryptions at once.
  for (const row of await loadRows(ids.slice(0, SEARCH_LIMIT), now)) {
    const item = await withSubject(row);
    const sender = `${item.senderName} ${item.senderAddress}`.toLowerCase();
    if (sender.includes(needle) || item.subject?.toLowerCase().includes(needle)) matches.push(item);
  }
  const pageCount = Math.max(1, Math.ceil(matches.length / INBOX_PAGE_SIZE));
  const page = Math.min(requested, pageCount);
  return { items: pageOf(matches, page), total: matches.length, page, pageCount, query, searchLimited };
}
