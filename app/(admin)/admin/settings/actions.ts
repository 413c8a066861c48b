"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { DkimKeyValidationError, generateDkimKey } from "@/lib/settings/generate-dkim-key";
import { OrgSettingsValidationError, setOrgSettings } from "@/lib/settings/org-settings";
import type { OrgSettingKey } from "@/lib/settings/org-settings-schema";
import { removeDkimKey } from "@/lib/settings/remove-dkim-key";

const PATH = "/admin/settings";

export type OrgSettingsFormValues = {
  subjectTag: string;
  notificationIntro: string;
  notifyFrom: string;
  requireStaffMfa: boolean;
  breakGlassEnabled: boolean;
  breakGlassHours: string;
};

export type OrgSettingsFormState = {
  /** Catalogue keys per field (Messages["adminSettings"]["errors"]). */
  fieldErrors: Partial<Record<OrgSettingKey, string>>;
  saved: boolean;
  values: OrgSettingsFormValues;
};

/** Admin only: stores the organisation settings (validated and audited per key in lib/settings/org-settings.ts). */
export async function saveOrgSettingsAction(_previous: OrgSettingsFormState, formData: FormData): Promise<OrgSettingsFormState> {
  const actor = await requireRole(["admin"], PATH);
  const values: OrgSettingsFormValues = {
    subjectTag: String(formData.get("subjectTag") ?? ""),
    notificationIntro: String(formData.get("notificationIntro") ?? ""),
    notifyFrom: String(formData.get("notifyFrom") ?? ""),
    // An unchecked checkbox is simply absent from the form.
    requireStaffMfa: formData.get("requireStaffMfa") === "on",
    breakGlassEnabled: formData.get("breakGlassEnabled") === "on",
    breakGlassHours: String(formData.get("breakGlassHours") ?? ""),
  };
  try {
    await setOrgSettings(actor, values, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof OrgSettingsValidationError) return { fieldErrors: error.fieldErrors, saved: false, values };
    throw error;
  }
  revalidatePath(PATH);
  return { fieldErrors: {}, saved: true, values };
}

export type DkimFormState = {
  fieldErrors: Partial<Record<"domain" | "selector", string>>;
  generated: boolean;
  values: { domain: string; selector: string };
};

/** Admin only: generates a new DKIM key (sealed, stored and audited in lib/settings/generate-dkim-key.ts). */
export async function generateDkimKeyAction(_previous: DkimFormState, formData: FormData): Promise<DkimFormState> {
  const actor = await requireRole(["admin"], PATH);
  const values = { domain: String(formData.get("domain") ?? ""), selector: String(formData.get("selector") ?? "") };
  try {
    await generateDkimKey(actor, values, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof DkimKeyValidationError) return { fieldErrors: error.fieldErrors, generated: false, values };
    throw error;
  }
  revalidatePath(PATH);
  return { fieldErrors: {}, generated: true, values };
}

/** Admin only: removes the generated DKIM key, so the configured key file (if any) signs again. */
export async function removeDkimKeyAction(): Promise<void> {
  const actor = await requireRole(["admin"], PATH);
  await removeDkimKey(actor, { sourceIp: getClientIp(await headers()) });
  redirect(`${PATH}?done=dkimRemoved`);
}
