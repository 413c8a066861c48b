import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { readMessageSubject } from "@/lib/escrow/read-message-content";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { recipientState, type RecipientState } from "@/lib/portal/sender/recipient-state";
import { recipientStateWhere } from "@/lib/portal/sender/recipient-state-where";
import type { SentFilters } from "@/lib/portal/sender/sent-filters";

const SENT_PAGE_SIZE = 20;
const DAY_MS = 86_400_000;

export type SentMessageItem = {
  id: string;
  createdAt: Date;
  fromAddress: string;
  /** shown: the viewer sent it and it was decrypted; hidden: an admin looking at someone else's; deleted: shredded. */
  subject: { state: "shown"; text: string } | { state: "hidden" | "deleted" };
  recipients: { id: string; address: string; state: RecipientState }[];
};

export type SentMessagePage = { items: SentMessageItem[]; total: number; page: number; pageCount: number };

/**
 * The /sent list: a sender's own messages (an admin sees everyone's, status only), newest first, filtered by a
 * recipient state, a recipient address substring and a date range (UTC days, both inclusive). Only the
 * subjects of the page shown are decrypted, and only for messages the viewer sent.
 */
export async function listSentMessages(actor: Actor, filters: SentFilters, now = new Date()): Promise<SentMessagePage> {
  assertRole(actor, ["sender", "admin"], "sent messages");
  const recipientConditions = [
    ...(filters.status ? [recipientStateWhere(filters.status, now)] : []),
    // SQLite's LIKE ignores ASCII case; domains are stored lower-case.
    ...(filters.recipient ? [{ address: { contains: filters.recipient } }] : []),
  ];
  const where = {
    ...(actor.role === "admin" ? {} : { senderUserId: actor.id }),
    ...(filters.from || filters.to
      ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: new Date(filters.to.getTime() + DAY_MS) } : {}) } }
      : {}),
    // One recipient must meet every recipient condition at once ("bob… who opened it", not "bob, and someone opened").
    ...(recipientConditions.length > 0 ? { recipients: { some: { AND: recipientConditions } } } : {}),
  };
  const db = getDb();
  const total = await db.message.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / SENT_PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const rows = await db.message.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * SENT_PAGE_SIZE,
    take: SENT_PAGE_SIZE,
    select: {
      id: true,
      createdAt: true,
      fromAddress: true,
      senderUserId: true,
      recipients: {
        orderBy: { address: "asc" },
        select: { id: true, address: true, status: true, notifiedAt: true, firstViewedAt: true, repliedAt: true, expiresAt: true, revokedAt: true },
      },
    },
  });
  const items: SentMessageItem[] = [];
  for (const row of rows) {
    items.push({
      id: row.id,
      createdAt: row.createdAt,
      fromAddress: row.fromAddress,
      subject: row.senderUserId === actor.id ? await readSubject(row.id) : { state: "hidden" },
      recipients: row.recipients.map((recipient) => ({ id: recipient.id, address: recipient.address, state: recipientState(recipient, now) })),
    });
  }
  return { items, total, page, pageCount };
}

async function readSubject(messageId: string): Promise<SentMessageItem["subject"]> {
  try {
    return { state: "shown", text: await readMessageSubject(messageId) };
  } catch (error) {
    if (error instanceof ShreddedError) return { state: "deleted" };
    throw error;
  }
}
