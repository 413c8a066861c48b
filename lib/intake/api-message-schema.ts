import { z } from "zod";

// One header line: a CR or LF here could only be an attempt to add header fields.
const singleLine = (max: number) => z.string().max(max).regex(/^[^\r\n]*$/, "must be a single line");
const address = z.email("must be an email address").max(320);

/** Body of POST /api/v1/messages. Unknown keys are refused so a typo ("bcc", "attachment") is not silently ignored. */
export const apiMessageSchema = z
  .strictObject({
    to: z.array(address).min(1, "give at least one recipient"),
    cc: z.array(address).optional(),
    subject: singleLine(998),
    text: z.string().optional(),
    html: z.string().optional(),
    attachments: z
      .array(
        z.strictObject({
          filename: singleLine(255).min(1),
          contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, "must be a MIME type such as application/pdf"),
          content: z.base64("must be base64"),
        }),
      )
      .max(100)
      .optional(),
    forceEscrow: z.boolean().optional(),
  })
  .refine((body) => body.text !== undefined || body.html !== undefined, { message: "give text, html or both", path: ["text"] });

export type ApiMessage = z.infer<typeof apiMessageSchema>;

/** Printable ASCII, 1–200 characters: enough for UUIDs and client-side request ids. */
export const idempotencyKeySchema = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .regex(/^[\x20-\x7e]+$/, "must be printable ASCII");
