import { z } from "zod";

// What an admin may set for the organisation's look in the portal and in emails. Each value lives in its own
// Setting row under these keys; a missing row means the default. Issue messages are catalogue keys
// (Messages["brandingSettings"]["errors"]), so the form can say them in the reader's language.
export const BRANDING_KEYS = { orgName: "branding.orgName", logoUrl: "branding.logoUrl", colour: "branding.colour" } as const;

export const DEFAULT_BRAND_COLOUR = "#0f766e";

export const brandingSchema = z.object({
  orgName: z.string().trim().min(1, "orgNameMissing").max(100, "orgNameTooLong"),
  // Emails load the logo from this address, so only https: plain http would leak who opens mail and can be altered.
  logoUrl: z
    .string()
    .trim()
    .max(2_000, "logoUrlInvalid")
    .refine((value) => value === "" || /^https:\/\/[^\s"'<>]+$/i.test(value), "logoUrlNotHttps")
    .refine((value) => value === "" || URL.canParse(value), "logoUrlInvalid")
    .transform((value) => (value === "" ? null : value)),
  colour: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "colourInvalid")
    .transform((value) => value.toLowerCase()),
});

export type Branding = { orgName: string; logoUrl: string | null; colour: string };
export type BrandingInput = z.input<typeof brandingSchema>;
