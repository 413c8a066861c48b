import { getDb } from "@/lib/db";
import type { RecipientAccess } from "@/lib/portal/require-message-access";

/**
 * When the message behind a gated Recipient row was crypto-shredded, or null if it was not. Takes the gate's
 * result, so only the rightful recipient learns the date.
 */
export async function getShreddedAt(access: RecipientAccess): Promise<Date | null> {
  const message = await getDb().message.findUnique({ where: { id: access.message.id }, select: { shreddedAt: true } });
  return message?.shreddedAt ?? null;
}
