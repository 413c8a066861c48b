import { getDb } from "@/lib/db";

/** An audit event as the compliance pages and exports show it: data parsed, the acting user named. */
export type AuditEventView = {
  seq: number;
  at: Date;
  type: string;
  actorType: string;
  actorId: string | null;
  /** The account's email address when the actor is a user that still exists. */
  actorEmail: string | null;
  sourceIp: string | null;
  messageId: string | null;
  recipientId: string | null;
  outcome: string;
  data: Record<string, unknown>;
};

export const auditEventSelect = {
  seq: true, at: true, type: true, actorType: true, actorId: true, sourceIp: true, messageId: true, recipientId: true, outcome: true, data: true,
} as const;

type AuditEventRow = Omit<AuditEventView, "actorEmail" | "data"> & { data: string };

function parseAuditData(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Parses each row's data and looks up the acting users' email addresses (one query for all the rows). */
export async function toAuditEventViews(rows: AuditEventRow[]): Promise<AuditEventView[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.actorType === "user" && row.actorId ? [row.actorId] : [])))];
  const users = ids.length > 0 ? await getDb().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return rows.map((row) => ({
    ...row,
    actorEmail: row.actorType === "user" && row.actorId ? (emails.get(row.actorId) ?? null) : null,
    data: parseAuditData(row.data),
  }));
}
