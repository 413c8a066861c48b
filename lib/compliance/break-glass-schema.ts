import { z } from "zod";

// The written justification a compliance officer gives before reading a message's content. Long enough to
// say why (a case number alone is not a reason), short enough for the notice email. Issues are catalogue keys.
export const MIN_JUSTIFICATION_LENGTH = 20;
export const MAX_JUSTIFICATION_LENGTH = 2_000;

// Control characters other than line breaks would garble the audit record and the admins' notice.
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/u;

export const breakGlassSchema = z.object({
  messageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "messageId" }),
  justification: z
    .string()
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(MIN_JUSTIFICATION_LENGTH, { error: "justificationTooShort" })
        .max(MAX_JUSTIFICATION_LENGTH, { error: "justificationTooLong" })
        .refine((value) => !CONTROL_EXCEPT_NEWLINE.test(value), { error: "justificationInvalid" }),
    ),
});

export type BreakGlassInput = z.input<typeof breakGlassSchema>;
