/**
 * Why a portal reply or new message was refused, in terms the form can explain. `code` is stable (the pages map
 * it to catalogue strings); `detail` names the offending file or address where there is one (never content).
 */
export type ComposeErrorCode =
  | "attachment-type"
  | "too-many-attachments"
  | "too-large"
  | "no-recipients"
  | "too-many-recipients"
  | "invalid-address"
  | "not-staff"
  | "subject-required"
  | "subject-too-long"
  | "body-too-long"
  | "passphrase-invalid"
  | "expiry-invalid";

export class ComposeError extends Error {
  constructor(
    readonly code: ComposeErrorCode,
    readonly detail: string | null = null,
  ) {
    super(`Compose refused: ${code}`);
    this.name = "ComposeError";
  }
}
