// Where a recipient stands as a sender thinks of it: the pipeline's outcome (Recipient.status) refined by what
// happened in the portal afterwards. The latest fact wins: access ended beats replied beats opened.
export const RECIPIENT_STATES = [
  "queued",
  "delivered",
  "escrowed",
  "notified",
  "opened",
  "replied",
  "expired",
  "revoked",
  "bounced",
  "dropped",
] as const;

export type RecipientState = (typeof RECIPIENT_STATES)[number];

function isRecipientState(value: unknown): value is RecipientState {
  return typeof value === "string" && (RECIPIENT_STATES as readonly string[]).includes(value);
}

export type RecipientStateInput = {
  status: string;
  notifiedAt: Date | null;
  firstViewedAt: Date | null;
  repliedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

export function recipientState(recipient: RecipientStateInput, now: Date): RecipientState {
  if (recipient.status !== "escrowed") return isRecipientState(recipient.status) ? recipient.status : "queued";
  if (recipient.revokedAt) return "revoked";
  if (recipient.expiresAt && recipient.expiresAt <= now) return "expired";
  if (recipient.repliedAt) return "replied";
  if (recipient.firstViewedAt) return "opened";
  if (recipient.notifiedAt) return "notified";
  return "escrowed";
}
