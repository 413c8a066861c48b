import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

/** A failure class (lib/delivery/failure-class.ts) in plain words; unknown values are shown as they are. */
export function describeFailureClass(failureClass: string, locale: Locale = "en"): string {
  const descriptions: Record<string, string> = getMessages(locale).failureClass;
  return descriptions[failureClass] ?? failureClass;
}
