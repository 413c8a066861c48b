import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { recordAccessDenied } from "@/lib/auth/record-access-denied";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { getDb, type Tx } from "@/lib/db";

// The organisation's retention defaults, one JSON value per Setting row (a missing or invalid row means the
// default). `accessDays`: how long a recipient's portal access lasts from escrow. `retentionDays`: how long a
// message's content is kept before it is crypto-shredded (null = keep forever). A message's own `retainUntil`
// overrides the latter (lib/retention/set-message-retention.ts).

export const RETENTION_KEYS = { retentionDays: "retention.retentionDays", accessDays: "retention.accessDays" } as const;

export const DAY_MS = 86_400_000;

export type RetentionDefaults = { retentionDays: number | null; accessDays: number };

// Issue messages are catalogue keys (Messages["retention"]["admin"]["errors"]).
export const retentionDefaultsSchema = z.object({
  retentionDays: z.coerce
    .number("retentionDaysInvalid")
    .int("retentionDaysInvalid")
    .min(1, "retentionDaysInvalid")
    .max(3650, "retentionDaysInvalid")
    .nullable(),
  accessDays: z.coerce.number("accessDaysInvalid").int("accessDaysInvalid").min(1, "accessDaysInvalid").max(365, "accessDaysInvalid"),
});

export type RetentionDefaultsInput = z.input<typeof retentionDefaultsSchema>;

/** `fieldErrors` holds catalogue keys (Messages["retention"]["admin"]["errors"]). */
export class RetentionSettingsValidationError extends Error {
  constructor(readonly fieldErrors: Partial<Record<keyof RetentionDefaults, string>>) {
    super("The retention settings are not valid.");
    this.name = "RetentionSettingsValidationError";
  }
}

/** Rounded up, so a configured window is never cut short; the stored setting is whole days (1..365). */
function configuredAccessDays(): number {
  return Math.min(365, Math.max(1, Math.ceil(getConfig().PORTAL_LINK_TTL / DAY_MS)));
}

function parseStored<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Validates the admin's input. @throws RetentionSettingsValidationError with per-field catalogue keys. */
export function parseRetentionDefaults(input: RetentionDefaultsInput): RetentionDefaults {
  const parsed = retentionDefaultsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Partial<Record<keyof RetentionDefaults, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (key === "retentionDays" || key === "accessDays") fieldErrors[key] ??= issue.message;
  }
  throw new RetentionSettingsValidationError(fieldErrors);
}

/**
 * The defaults in effect: the admin's stored values where present and valid, else the access window from
 * PORTAL_LINK_TTL and "keep forever". Pass the transaction client when called inside one (escrow does).
 */
export async function getRetentionDefaults(db: Pick<Tx, "setting"> = getDb()): Promise<RetentionDefaults> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(RETENTION_KEYS) } } });
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const retentionDays = parseStored(retentionDefaultsSchema.shape.retentionDays, stored.get(RETENTION_KEYS.retentionDays));
  return {
    retentionDays: retentionDays ?? null,
    accessDays: parseStored(retentionDefaultsSchema.shape.accessDays, stored.get(RETENTION_KEYS.accessDays)) ?? configuredAccessDays(),
  };
}

/**
 * Stores both defaults (admin only), audited as `retention.changed {scope: "organisation", before, after}` in
 * the same transaction; no change, no event. Returns the defaults now in effect.
 * @throws RetentionSettingsValidationError with per-field catalogue keys; AccessDeniedError (audited) for
 *   anyone but an admin.
 */
export async function setRetentionDefaults(
  actor: Actor,
  input: RetentionDefaultsInput,
  ctx: { sourceIp?: string | null } = {},
): Promise<RetentionDefaults> {
  if (actor.role !== "admin") {
    await recordAccessDenied({ actor, resource: "settings:retention", reason: "not-admin", sourceIp: ctx.sourceIp });
    throw new AccessDeniedError(actor.id, "settings:retention");
  }
  const after = parseRetentionDefaults(input);
  return getDb().$transaction(async (tx) => {
    // Read inside the transaction (on SQLite it holds the write lock) so "before" is what this write replaces.
    const before = await getRetentionDefaults(tx);
    if (before.retentionDays === after.retentionDays && before.accessDays === after.accessDays) return after;
    for (const key of ["retentionDays", "accessDays"] as const) {
      const value = JSON.stringify(after[key]);
      await tx.setting.upsert({ where: { key: RETENTION_KEYS[key] }, create: { key: RETENTION_KEYS[key], value }, update: { value } });
    }
    await recordAuditEvent(tx, {
      type: "retention.changed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { scope: "organisation", before, after },
    });
    return after;
  });
}
