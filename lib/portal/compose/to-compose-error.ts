import { getConfig } from "@/lib/config";
import { IntakeError } from "@/lib/intake/intake-error";
import { ComposeError } from "@/lib/portal/compose/compose-error";

/** Intake refusals of a portal message, in the form's terms; any other error passes through unchanged. */
export function toComposeError(error: unknown): unknown {
  if (!(error instanceof IntakeError)) return error;
  if (error.code === "too-many-recipients") return new ComposeError("too-many-recipients", String(getConfig().SMTP_MAX_RECIPIENTS));
  if (error.code === "message-too-large") return new ComposeError("too-large");
  if (error.code === "invalid-recipient") return new ComposeError("invalid-address");
  return new ComposeError("no-recipients");
}
