import { z } from "zod";
import { normalizeDomain } from "@/lib/delivery/domain-policy";

// What the admin chooses when generating a DKIM key: the signing domain (d=) and the selector (s=). Messages
// are catalogue keys (Messages["adminSettings"]["dkim"]["errors"]).

// RFC 6376 section 3.1: a selector is one or more DNS labels.
const SELECTOR = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export const dkimKeyInputSchema = z.object({
  domain: z
    .string()
    .transform((value) => normalizeDomain(value) ?? "")
    .refine((value) => value !== "", "domainInvalid"),
  selector: z
    .string()
    .trim()
    .toLowerCase()
    .max(63, "selectorInvalid")
    .regex(SELECTOR, "selectorInvalid"),
});

export type DkimKeyInput = z.input<typeof dkimKeyInputSchema>;
