import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { retentionDueWhere } from "@/lib/retention/retention-due-where";

export type RetentionPreview = {
  /** Messages the next run would shred with this default (a message with a recipient still queued waits). */
  due: number;
  /** Messages past their end that a legal hold keeps. */
  onHold: number;
};

/**
 * What the retention job would do at `now` if the organisation's default were `retentionDays` (null = keep
 * forever): two indexed counts, no change. Admin only; for the retention settings page.
 */
export async function previewRetention(actor: Actor, retentionDays: number | null, now: Date = new Date()): Promise<RetentionPreview> {
  assertRole(actor, ["admin"], "settings:retention");
  const db = getDb();
  const due = retentionDueWhere(now, retentionDays);
  const [shreddable, onHold] = await Promise.all([
    db.message.count({ where: { AND: [due, { legalHold: false, recipients: { none: { status: "queued" } } }] } }),
    db.message.count({ where: { AND: [due, { legalHold: true }] } }),
  ]);
  return { due: shreddable, onHold };
}
