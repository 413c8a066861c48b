import { z } from "zod";

// What an admin may set for the organisation's behaviour (subject tag, notification wording and sender, staff
// MFA, break-glass). Each value lives in its own Setting row as JSON under ORG_SETTING_KEYS; a missing row means
// the default from the configuration. Issue messages are catalogue keys (Messages["adminSettings"]["errors"]).

export const ORG_SETTING_KEYS = {
  subjectTag: "org.subjectTag",
  notificationIntro: "org.notificationIntro",
  notifyFrom: "org.notifyFrom",
  requireStaffMfa: "org.requireStaffMfa",
  breakGlassEnabled: "org.breakGlassEnabled",
  breakGlassHours: "org.breakGlassHours",
} as const;

export type OrgSettings = {
  subjectTag: string;
  notificationIntro: string | null;
  notifyFrom: string | null;
  requireStaffMfa: boolean;
  breakGlassEnabled: boolean;
  breakGlassHours: number;
};

export type OrgSettingKey = keyof OrgSettings;

// Control characters (C0, DEL, C1) and line/paragraph separators: a subject tag is matched inside a header
// line, and a line break there would let the tag split the header (RFC 5322 section 2.2).
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
// The intro may span lines (paragraphs in the email) but carries no other control character.
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/u;

export const orgSettingsSchema = z.object({
  subjectTag: z
    .string()
    .trim()
    .min(1, "subjectTagMissing")
    .max(40, "subjectTagTooLong")
    .refine((value) => !CONTROL.test(value), "subjectTagInvalid"),
  notificationIntro: z
    .string()
    .transform((value) => value.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(500, "introTooLong").refine((value) => !CONTROL_EXCEPT_NEWLINE.test(value), "introInvalid"))
    .transform((value) => (value === "" ? null : value))
    .nullable(),
  notifyFrom: z
    .string()
    .trim()
    .pipe(z.union([z.literal(""), z.email("notifyFromInvalid").max(254, "notifyFromInvalid")]))
    .transform((value) => (value === "" ? null : value))
    .nullable(),
  requireStaffMfa: z.boolean("booleanInvalid"),
  breakGlassEnabled: z.boolean("booleanInvalid"),
  breakGlassHours: z.coerce.number("breakGlassHoursInvalid").int("breakGlassHoursInvalid").min(1, "breakGlassHoursInvalid").max(72, "breakGlassHoursInvalid"),
});

export type OrgSettingsPatch = Partial<z.input<typeof orgSettingsSchema>>;
