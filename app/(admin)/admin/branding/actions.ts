"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import type { Branding } from "@/lib/settings/branding-schema";
import { BrandingValidationError, setBranding } from "@/lib/settings/set-branding";

export type BrandingFormState = {
  /** Catalogue keys per field (Messages["brandingSettings"]["errors"]). */
  fieldErrors: Partial<Record<keyof Branding, string>>;
  saved: boolean;
  values: { orgName: string; logoUrl: string; colour: string };
};

/** Admin only: stores the organisation's branding (validated and audited in lib/settings/set-branding.ts). */
export async function saveBrandingAction(_previous: BrandingFormState, formData: FormData): Promise<BrandingFormState> {
  const actor = await requireRole(["admin"], "/admin/branding");
  const values = {
    orgName: String(formData.get("orgName") ?? ""),
    logoUrl: String(formData.get("logoUrl") ?? ""),
    colour: String(formData.get("colour") ?? ""),
  };
  try {
    await setBranding(actor, values, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof BrandingValidationError) return { fieldErrors: error.fieldErrors, saved: false, values };
    throw error;
  }
  // The organisation's name is in every page's header and title.
  revalidatePath("/", "layout");
  return { fieldErrors: {}, saved: true, values };
}
