import type { RecipientState } from "@/lib/portal/sender/recipient-state";

/**
 * The database condition matching exactly the recipients that lib/portal/sender/recipient-state.ts puts in
 * `state`, so a filter never disagrees with the chips on screen.
 */
export function recipientStateWhere(state: RecipientState, now: Date) {
  const live = { status: "escrowed", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  switch (state) {
    case "revoked":
      return { status: "escrowed", revokedAt: { not: null } };
    case "expired":
      return { status: "escrowed", revokedAt: null, expiresAt: { lte: now } };
    case "replied":
      return { ...live, repliedAt: { not: null } };
    case "opened":
      return { ...live, repliedAt: null, firstViewedAt: { not: null } };
    case "notified":
      return { ...live, repliedAt: null, firstViewedAt: null, notifiedAt: { not: null } };
    case "escrowed":
      return { ...live, repliedAt: null, firstViewedAt: null, notifiedAt: null };
    default:
      return { status: state };
  }
}
