// Why a sender's action on a recipient was refused, as a stable code the page turns into plain words.
export type SenderActionFailure =
  // Only recipients kept in the portal have portal access to resend, revoke or re-date.
  | "not-escrowed"
  // Revoked or expired: a notification would lead nowhere.
  | "access-ended"
  | "already-revoked"
  | "rate-limited"
  | "invalid-expiry"
  // Another change to the same recipient committed first; reloading shows the current state.
  | "changed-meanwhile";

export class SenderActionError extends Error {
  constructor(
    readonly code: SenderActionFailure,
    /** For "rate-limited": when the action may be tried again. */
    readonly retryAt: Date | null = null,
  ) {
    super(`Sender action refused: ${code}`);
    this.name = "SenderActionError";
  }
}
