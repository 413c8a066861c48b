import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

const RECIPIENT_STATUSES = ["queued", "delivered", "escrowed", "bounced", "dropped"] as const;

/** Number of recipients in each status, every status present (zero when none). Admin only. */
export async function countRecipientsByStatus(actor: Actor): Promise<{ status: string; count: number }[]> {
  assertRole(actor, ["admin"], "recipient counts");
  const groups = await getDb().recipient.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = new Map(groups.map((group) => [group.status, group._count._all]));
  const known = RECIPIENT_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  const unknown = [...counts].filter(([status]) => !(RECIPIENT_STATUSES as readonly string[]).includes(status));
  return [...known, ...unknown.map(([status, count]) => ({ status, count }))];
}
