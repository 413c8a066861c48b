import type { PasswordFieldsStrings } from "@/app/(auth)/_components/password-fields";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import type { Messages } from "@/lib/i18n/messages";

export type PasswordErrorKey = keyof Messages["access"]["passwordErrors"];

/** Every password error as plain text, for client forms (catalogue functions cannot cross to the browser). */
export function passwordErrorTexts(m: Messages): Record<PasswordErrorKey, string> {
  const e = m.access.passwordErrors;
  return { ...e, passwordTooShort: e.passwordTooShort(MIN_PASSWORD_LENGTH) };
}

/** The meter and label strings of PasswordFields; the form fills in the two error slots from its state. */
export function passwordFieldTexts(
  m: Messages,
  labels: { password: string; confirm: string },
): Omit<PasswordFieldsStrings, "passwordError" | "confirmError"> {
  return {
    ...labels,
    passwordHint: m.access.register.passwordHint(MIN_PASSWORD_LENGTH),
    meterLabel: m.access.meter.label,
    meterEmpty: m.access.meter.empty,
    levels: m.access.meter.levels,
    acceptable: m.access.meter.acceptable,
    notYet: m.access.meter.notYet,
  };
}

/** Which of the two fields an error belongs under. */
export function passwordErrorSlots(error: string | null, texts: Record<string, string>): { passwordError: string | null; confirmError: string | null } {
  if (!error || !(error in texts)) return { passwordError: null, confirmError: null };
  const text = texts[error] ?? null;
  return error === "passwordMismatch" ? { passwordError: null, confirmError: text } : { passwordError: text, confirmError: null };
}
