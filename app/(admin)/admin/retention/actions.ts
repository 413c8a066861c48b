"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { previewRetention } from "@/lib/retention/preview-retention";
import {
  getRetentionDefaults,
  parseRetentionDefaults,
  type RetentionDefaults,
  RetentionSettingsValidationError,
  setRetentionDefaults,
} from "@/lib/retention/retention-settings";

export type RetentionSettingsFormState = {
  /** Catalogue keys per field (Messages["retention"]["admin"]["errors"]). */
  fieldErrors: Partial<Record<keyof RetentionDefaults, string>>;
  saved: boolean;
  /** Set when the new period would delete content now: what to confirm before saving, in plain words. */
  confirm: { needed: string; label: string } | null;
  values: { accessDays: string; retentionDays: string };
};

/**
 * Admin only: stores the organisation's access window and retention period (validated and audited in
 * lib/retention/retention-settings.ts). A shorter period that would delete more content at the next run than
 * the current one must be confirmed first: shredding cannot be undone.
 */
export async function saveRetentionAction(_previous: RetentionSettingsFormState, formData: FormData): Promise<RetentionSettingsFormState> {
  const actor = await requireRole(["admin"], "/admin/retention");
  const values = { accessDays: String(formData.get("accessDays") ?? "").trim(), retentionDays: String(formData.get("retentionDays") ?? "").trim() };
  const input = { accessDays: values.accessDays, retentionDays: values.retentionDays === "" ? null : values.retentionDays };
  try {
    const next = parseRetentionDefaults(input);
    const current = await getRetentionDefaults();
    if (next.retentionDays !== current.retentionDays && formData.get("confirm") !== "yes") {
      const [before, after] = await Promise.all([previewRetention(actor, current.retentionDays), previewRetention(actor, next.retentionDays)]);
      if (after.due > before.due) {
        const t = getMessages(await getRequestLocale()).retention.admin;
        return { fieldErrors: {}, saved: false, confirm: { needed: t.confirmNeeded(after.due), label: t.confirm(after.due) }, values };
      }
    }
    await setRetentionDefaults(actor, input, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof RetentionSettingsValidationError) return { fieldErrors: error.fieldErrors, saved: false, confirm: null, values };
    throw error;
  }
  revalidatePath("/admin/retention");
  return { fieldErrors: {}, saved: true, confirm: null, values };
}
