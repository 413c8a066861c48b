import { z } from "zod";

// A hold's reason is what later reviewers read (the audit log, the message's story): a case or matter name,
// not a one-word placeholder. Line breaks are kept; other control characters are refused.
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/u;

export const LEGAL_HOLD_REASON_LENGTH = { min: 5, max: 500 } as const;

export const legalHoldReasonSchema = z
  .string()
  .transform((value) => value.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(LEGAL_HOLD_REASON_LENGTH.min)
      .max(LEGAL_HOLD_REASON_LENGTH.max)
      .refine((value) => !CONTROL_EXCEPT_NEWLINE.test(value)),
  );
