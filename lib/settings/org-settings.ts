import { recordAuditEvent } from "@/lib/audit/record-event";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import {
  ORG_SETTING_KEYS,
  type OrgSettingKey,
  type OrgSettings,
  type OrgSettingsPatch,
  orgSettingsSchema,
} from "@/lib/settings/org-settings-schema";

export type { OrgSettings, OrgSettingsPatch } from "@/lib/settings/org-settings-schema";

/** `fieldErrors` holds catalogue keys (Messages["adminSettings"]["errors"]). */
export class OrgSettingsValidationError extends Error {
  constructor(readonly fieldErrors: Partial<Record<OrgSettingKey, string>>) {
    super("The organisation settings are not valid.");
  }
}

const KEYS = Object.keys(ORG_SETTING_KEYS) as OrgSettingKey[];

function defaults(): OrgSettings {
  const config = getConfig();
  return {
    subjectTag: config.SUBJECT_TAG,
    notificationIntro: null,
    notifyFrom: config.NOTIFY_FROM ?? null,
    requireStaffMfa: false,
    breakGlassEnabled: false,
    breakGlassHours: 1,
  };
}

/**
 * The organisation's settings in effect: the admin's stored values where present and valid, else the defaults
 * (SUBJECT_TAG and NOTIFY_FROM from the configuration; MFA and break-glass off; one hour of break-glass). A row
 * that no longer passes validation (edited by hand) falls back to the default rather than reaching intake or an
 * email unchecked. One indexed read, cheap enough for every message and sign-in.
 */
export async function getOrgSettings(): Promise<OrgSettings> {
  const rows = await getDb().setting.findMany({ where: { key: { in: Object.values(ORG_SETTING_KEYS) } } });
  return resolve(defaults(), new Map(rows.map((row) => [row.key, row.value])));
}

/**
 * Changes some of the organisation's settings (admin only). Every key whose effective value changes is audited
 * as `settings.changed {key, before, after}` in the same transaction as the write. Clearing an optional text
 * (intro, sender address) removes the row, so the configured default applies again. Returns the settings now
 * in effect.
 * @throws OrgSettingsValidationError with per-field catalogue keys; AccessDeniedError for anyone but an admin.
 */
export async function setOrgSettings(actor: Actor, patch: OrgSettingsPatch, ctx: { sourceIp?: string | null } = {}): Promise<OrgSettings> {
  if (actor.role !== "admin") {
    await recordAccessDenied({ actor, resource: "settings:organisation", reason: "not-admin", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, "settings:organisation");
  }
  const parsed = orgSettingsSchema.partial().safeParse(patch);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<OrgSettingKey, string>> = {};
    for (const issue of parsed.error.issues) {
      const key = KEYS.find((name) => name === issue.path[0]);
      if (key) fieldErrors[key] ??= issue.message;
    }
    throw new OrgSettingsValidationError(fieldErrors);
  }
  const changes = parsed.data;
  return getDb().$transaction(async (tx) => {
    // Read inside the transaction (on SQLite it holds the write lock) so "before" is what this write replaces.
    const rows = await tx.setting.findMany({ where: { key: { in: Object.values(ORG_SETTING_KEYS) } } });
    const before = resolve(defaults(), new Map(rows.map((row) => [row.key, row.value])));
    const after: OrgSettings = { ...before };
    for (const key of KEYS) {
      if (!(key in changes)) continue;
      const value = changes[key];
      const dbKey = ORG_SETTING_KEYS[key];
      if (value === null || value === undefined) {
        await tx.setting.deleteMany({ where: { key: dbKey } });
        Object.assign(after, { [key]: defaults()[key] });
      } else {
        const json = JSON.stringify(value);
        await tx.setting.upsert({ where: { key: dbKey }, create: { key: dbKey, value: json }, update: { value: json } });
        Object.assign(after, { [key]: value });
      }
      if (after[key] === before[key]) continue;
      await recordAuditEvent(tx, {
        type: "settings.changed",
        actorType: "user",
        actorId: actor.id,
        sourceIp: ctx.sourceIp ?? null,
        outcome: "success",
        data: { key, before: before[key], after: after[key] },
      });
    }
    return after;
  });
}

function resolve(settings: OrgSettings, stored: Map<string, string>): OrgSettings {
  // A stored null for an optional text means "use the default" and is never written (see setOrgSettings).
  for (const key of KEYS) {
    const raw = stored.get(ORG_SETTING_KEYS[key]);
    if (raw === undefined) continue;
    const parsed = orgSettingsSchema.shape[key].safeParse(parseJson(raw));
    if (parsed.success && parsed.data !== null) Object.assign(settings, { [key]: parsed.data });
  }
  return settings;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
