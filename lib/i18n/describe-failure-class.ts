import { getMessages } from "@/lib/i18n/messages";

/** A failure class (lib/delivery/failure-class.ts) in plain words; unknown values are shown as they are. */
export function describeFailureClass(failureClass: string): string {
  const descriptions: Record<string, string> = getMessages().failureClass;
  return descriptions[failureClass] ?? failureClass;
}
