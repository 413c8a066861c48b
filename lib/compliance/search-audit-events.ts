import { assertRole, type Actor } from "@/lib/auth/roles";
import type { AuditFilter } from "@/lib/compliance/audit-filter";
import { auditWhere, resolveAuditFilter } from "@/lib/compliance/resolve-audit-filter";
import { auditEventSelect, toAuditEventViews, type AuditEventView } from "@/lib/compliance/to-audit-event-views";
import { getDb } from "@/lib/db";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventPage = {
  events: AuditEventView[];
  /** Cursor of the next (older) page, or null when this is the last one. */
  olderBefore: number | null;
  /** Only the newest messages or recipient rows of an address were followed (MAX_RESOLVED_IDS). */
  truncated: boolean;
};

/**
 * One page of audit events matching the filter, newest first. `before` is the cursor (a seq): the page holds
 * events older than it, so pages stay stable while new events arrive at the head. Admin and compliance only.
 */
export async function searchAuditEvents(actor: Actor, filter: AuditFilter, page: { before?: number; size?: number } = {}): Promise<AuditEventPage> {
  assertRole(actor, ["admin", "compliance"], "audit log");
  const size = page.size ?? AUDIT_PAGE_SIZE;
  const query = await resolveAuditFilter(filter);
  if (!query) return { events: [], olderBefore: null, truncated: false };
  // One more than a page tells whether an older page exists without counting.
  const rows = await getDb().auditEvent.findMany({
    where: auditWhere(query, { lt: page.before }),
    orderBy: { seq: "desc" },
    take: size + 1,
    select: auditEventSelect,
  });
  const shown = rows.slice(0, size);
  return {
    events: await toAuditEventViews(shown),
    olderBefore: rows.length > size ? (shown.at(-1)?.seq ?? null) : null,
    truncated: query.truncated,
  };
}
