/**
 * Why a message was not accepted. `code` is stable (API clients and the SMTP reply mapping rely on it);
 * `message` is for a person; `fields` names the offending input (API field paths) where there is one.
 */
export type IntakeErrorCode =
  | "malformed-message"
  | "invalid-recipient"
  | "no-recipients"
  | "too-many-recipients"
  | "message-too-large";

export class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "IntakeError";
  }
}
