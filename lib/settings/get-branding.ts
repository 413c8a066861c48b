import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { BRANDING_KEYS, type Branding, DEFAULT_BRAND_COLOUR, brandingSchema } from "@/lib/settings/branding-schema";

/**
 * The organisation's name, logo and colour for the portal and emails: the admin's settings where present and
 * valid, else ORG_NAME from the configuration, no logo and the default teal. A row that no longer passes
 * validation (edited by hand) falls back to the default rather than reaching an email unchecked.
 */
export async function getBranding(): Promise<Branding> {
  const rows = await getDb().setting.findMany({ where: { key: { in: Object.values(BRANDING_KEYS) } } });
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const field = <K extends keyof typeof BRANDING_KEYS>(key: K) => {
    const value = stored.get(BRANDING_KEYS[key]);
    if (value === undefined) return undefined;
    const parsed = brandingSchema.shape[key].safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  return {
    orgName: field("orgName") ?? getConfig().ORG_NAME,
    logoUrl: field("logoUrl") ?? null,
    colour: field("colour") ?? DEFAULT_BRAND_COLOUR,
  };
}
