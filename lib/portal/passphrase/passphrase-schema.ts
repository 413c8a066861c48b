import { z } from "zod";
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from "@/lib/portal/passphrase/passphrase-policy";

// Input shapes for setting and entering a passphrase. Spaces are kept as typed: trimming one side only (the
// sender's) would make a passphrase with a trailing space impossible to enter.

export const setPassphraseSchema = z.object({
  recipientId: z.string().min(1).max(64),
  passphrase: z
    .string()
    .min(MIN_PASSPHRASE_LENGTH, { error: "passphraseTooShort" })
    .max(MAX_PASSPHRASE_LENGTH, { error: "passphraseTooLong" }),
});

export const enterPassphraseSchema = z.object({
  recipientId: z.string().min(1).max(64),
  // No minimum: a short wrong guess is a failed attempt, not a validation message.
  passphrase: z.string().min(1, { error: "passphraseMissing" }).max(MAX_PASSPHRASE_LENGTH, { error: "passphraseTooLong" }),
});
