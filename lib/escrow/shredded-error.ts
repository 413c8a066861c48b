/**
 * The message's data key was destroyed (crypto-shredded): its content can never be read again, by anyone.
 * Callers show this as "deleted", not as a failure to retry.
 */
export class ShreddedError extends Error {
  readonly code = "message-shredded";

  constructor(readonly messageId: string) {
    super(`Message ${messageId} was deleted (its encryption key was destroyed); its content cannot be read.`);
    this.name = "ShreddedError";
  }
}
