// Why a retention or legal-hold change to one message was refused, as a stable code the panel turns into plain
// words (Messages["retention"]["panel"]["errors"]).
export type RetentionFailure =
  | "message-not-found"
  // The content is already gone: nothing is left to keep, hold or shred.
  | "message-shredded"
  // A legal hold blocks shredding until someone releases it.
  | "legal-hold"
  | "already-on-hold"
  | "not-on-hold"
  // A recipient is still queued: its delivery needs the content (the outcome comes within RETRY_WINDOW).
  | "still-delivering"
  // A hold's reason is required (5..500 characters): it is what a later reviewer reads.
  | "invalid-reason"
  // retainUntil must lie in the future (shred now is the way to delete at once) and within 100 years.
  | "invalid-date"
  // Another change to the same message committed first; reloading shows the current state.
  | "changed-meanwhile";

export class RetentionError extends Error {
  constructor(readonly code: RetentionFailure, readonly messageId: string) {
    super(`Retention change to message ${messageId} refused: ${code}`);
    this.name = "RetentionError";
  }
}
