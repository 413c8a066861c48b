import { recordAuditEvent } from "@/lib/audit/record-event";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { BRANDING_KEYS, type Branding, type BrandingInput, brandingSchema } from "@/lib/settings/branding-schema";
import { getBranding } from "@/lib/settings/get-branding";

/** `fieldErrors` holds catalogue keys (Messages["brandingSettings"]["errors"]). */
export class BrandingValidationError extends Error {
  constructor(readonly fieldErrors: Partial<Record<keyof Branding, string>>) {
    super("The branding settings are not valid.");
  }
}

/**
 * Stores the organisation's name, logo URL and colour (admin only) and audits `settings.changed` with the
 * values before and after, in the same transaction. Returns the branding now in effect.
 */
export async function setBranding(actor: Actor, input: BrandingInput, ctx: { sourceIp?: string | null } = {}): Promise<Branding> {
  if (actor.role !== "admin") {
    await recordAccessDenied({ actor, resource: "settings:branding", reason: "not-admin", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, "settings:branding");
  }
  const parsed = brandingSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<keyof Branding, string>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === "orgName" || key === "logoUrl" || key === "colour") fieldErrors[key] ??= issue.message;
    }
    throw new BrandingValidationError(fieldErrors);
  }
  const after: Branding = parsed.data;
  const before = await getBranding();
  await getDb().$transaction(async (tx) => {
    for (const key of ["orgName", "logoUrl", "colour"] as const) {
      const value = after[key] ?? "";
      await tx.setting.upsert({ where: { key: BRANDING_KEYS[key] }, create: { key: BRANDING_KEYS[key], value }, update: { value } });
    }
    await recordAuditEvent(tx, {
      type: "settings.changed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { area: "branding", before, after },
    });
  });
  return after;
}
