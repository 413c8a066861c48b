import type { ComposeField } from "@/app/(recipient)/compose/compose-form-state";
import type { Messages } from "@/lib/i18n/messages";
import type { ComposeError, ComposeErrorCode } from "@/lib/portal/compose/compose-error";

const FIELD: Record<ComposeErrorCode, ComposeField> = {
  "attachment-type": "attachments",
  "too-many-attachments": "attachments",
  "too-large": "attachments",
  "no-recipients": "to",
  "too-many-recipients": "to",
  "invalid-address": "to",
  "not-staff": "to",
  "subject-required": "subject",
  "subject-too-long": "subject",
  "body-too-long": "body",
  "passphrase-invalid": "passphrase",
  "expiry-invalid": "expiry",
};

/** A megabyte figure for people ("25 MB"), from the byte limit in the configuration. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.floor(mb) : Math.floor(mb * 10) / 10} MB`;
}

/** The refusal in the reader's language, and the field it belongs to. */
export function describeComposeError(
  error: ComposeError,
  t: Messages["compose"],
  context: { orgName: string; maxBytes: number },
): { error: string; field: ComposeField } {
  const detail = error.detail ?? "";
  const e = t.errors;
  const messages: Record<ComposeErrorCode, string> = {
    "attachment-type": e["attachment-type"](detail),
    "too-many-attachments": e["too-many-attachments"](detail),
    "too-large": e["too-large"](formatMegabytes(context.maxBytes)),
    "no-recipients": e["no-recipients"],
    "too-many-recipients": e["too-many-recipients"](detail),
    "invalid-address": e["invalid-address"](detail),
    "not-staff": e["not-staff"](detail, context.orgName),
    "subject-required": e["subject-required"],
    "subject-too-long": e["subject-too-long"](detail),
    "body-too-long": e["body-too-long"](detail),
    "passphrase-invalid": e["passphrase-invalid"](detail),
    "expiry-invalid": e["expiry-invalid"](detail),
  };
  return { error: messages[error.code], field: FIELD[error.code] };
}
