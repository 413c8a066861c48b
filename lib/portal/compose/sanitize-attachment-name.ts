import { extensionOf } from "@/lib/portal/compose/attachment-types";

const MAX_NAME_LENGTH = 120;

/**
 * A file name safe to put in a MIME header and to show and save on the recipient's side: no directory parts
 * (browsers may send "C:\\Users\\…\\a.pdf"), no control or format characters (a right-to-left override can
 * make "invoice‮fdp.exe" look like "invoiceexe.pdf"), none of the characters Windows forbids in names,
 * no leading dots (hidden files) and a bounded length that keeps the extension. Never empty.
 */
export function sanitizeAttachmentName(input: string): string {
  const base = input.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (cleaned === "") return "attachment";
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  const extension = extensionOf(cleaned);
  const keep = extension ? `.${extension.slice(0, 10)}` : "";
  return `${cleaned.slice(0, MAX_NAME_LENGTH - keep.length).trimEnd()}${keep}`;
}
