import { getDb } from "@/lib/db";

// Recipient.address keeps the local part as the sender spelled it (RFC 5321 §2.4) while User.email is stored
// lower-case, so the inbox compares lower-cased. Prisma has no case-insensitive equals that both providers
// accept, hence this small raw query in plain SQL (LOWER, quoted identifiers) that SQLite and PostgreSQL share.
// It walks the escrowed rows (the status index) rather than the address index; fine for an inbox, and the
// page details are then loaded through Prisma by id.

/** Ids of the escrowed Recipient rows addressed to `email`, newest first. */
export async function findInboxRecipientIds(email: string, range: { limit: number; offset: number }): Promise<string[]> {
  const address = email.trim().toLowerCase();
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Recipient"
    WHERE "status" = 'escrowed' AND LOWER("address") = ${address}
    ORDER BY "createdAt" DESC, "id" DESC
    LIMIT ${range.limit} OFFSET ${range.offset}`;
  return rows.map((row) => row.id);
}

/** How many escrowed Recipient rows are addressed to `email`. */
export async function countInboxRecipients(email: string): Promise<number> {
  const address = email.trim().toLowerCase();
  const rows = await getDb().$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS "n" FROM "Recipient" WHERE "status" = 'escrowed' AND LOWER("address") = ${address}`;
  return Number(rows[0]?.n ?? 0);
}
