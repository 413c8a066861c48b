// Why a passkey ceremony was refused, for the page to explain; the details go to the audit log only.
// challenge: the 5-minute window passed or the cookie is missing / forged / already used.
export type PasskeyFailure = "invalid-input" | "challenge" | "verification" | "already-registered";

export class PasskeyError extends Error {
  constructor(readonly code: PasskeyFailure) {
    super(`Passkey ceremony refused: ${code}`);
    this.name = "PasskeyError";
  }
}
