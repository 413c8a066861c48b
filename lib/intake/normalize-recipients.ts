import { z } from "zod";
import { IntakeError } from "@/lib/intake/intake-error";

const emailAddress = z.email();

export type NormalizedRecipient = { address: string; domain: string };

/** Splits an address at its last "@" and lower-cases the domain (RFC 5321 §2.4: domains are case-insensitive). */
export function normalizeAddress(input: string): NormalizedRecipient | null {
  const trimmed = input.trim();
  if (!emailAddress.safeParse(trimmed).success) return null;
  const at = trimmed.lastIndexOf("@");
  const domain = trimmed.slice(at + 1).toLowerCase();
  return { address: `${trimmed.slice(0, at)}@${domain}`, domain };
}

/**
 * Validates envelope recipients and drops duplicates (compared case-insensitively, like smtp-server's RCPT
 * handling, so one mailbox never gets two deliveries). The local part keeps its spelling: RFC 5321 §2.4 leaves
 * its case to the receiving host.
 */
export function normalizeRecipients(inputs: string[], max: number): NormalizedRecipient[] {
  const invalid: Record<string, string> = {};
  const seen = new Set<string>();
  const recipients: NormalizedRecipient[] = [];
  inputs.forEach((input, index) => {
    const recipient = normalizeAddress(input);
    if (!recipient) {
      invalid[String(index)] = `"${input.slice(0, 320)}" is not a valid email address`;
      return;
    }
    const key = recipient.address.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    recipients.push(recipient);
  });
  if (Object.keys(invalid).length > 0) {
    throw new IntakeError("invalid-recipient", "Some recipient addresses are not valid email addresses. Correct them and send again.", invalid);
  }
  if (recipients.length === 0) throw new IntakeError("no-recipients", "The message has no recipients. Add at least one.");
  if (recipients.length > max) {
    throw new IntakeError("too-many-recipients", `The message has ${recipients.length} recipients; the limit is ${max}. Split it into several messages.`);
  }
  return recipients;
}
