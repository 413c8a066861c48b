import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { estimatePasswordStrength, MIN_PASSWORD_SCORE } from "@/lib/auth/password-strength";

export type NewPasswordProblem = "passwordTooShort" | "passwordTooLong" | "passwordMismatch" | "passwordCommon" | "passwordWeak";

/**
 * Why a chosen password is refused, or null when it is acceptable: long enough, typed the same twice, not on the
 * common-password list and not guessable (zxcvbn score of at least MIN_PASSWORD_SCORE, with the person's name
 * and address counted as the first words an attacker tries). The browser shows the same meter as a hint; this
 * is the decision.
 */
export async function checkNewPassword(password: string, confirm: string, userInputs: string[]): Promise<NewPasswordProblem | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return "passwordTooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "passwordTooLong";
  if (password !== confirm) return "passwordMismatch";
  const strength = await estimatePasswordStrength(password, userInputs);
  if (strength.common) return "passwordCommon";
  return strength.score < MIN_PASSWORD_SCORE ? "passwordWeak" : null;
}
