import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getConfiguredDkimStatus, getDkimStatus, summarizeDkimStatus } from "@/lib/settings/get-dkim-status";
import { DKIM_SETTING_KEY } from "@/lib/settings/stored-dkim-key";

/**
 * Deletes the key generated in the console, so notifications are signed with the configured key file again
 * (or not at all). Audited as `settings.changed {key: "dkim", before, after}` without any key material.
 * Returns false when there was no stored key. Admin only.
 */
export async function removeDkimKey(actor: Actor, ctx: { sourceIp?: string | null } = {}): Promise<boolean> {
  assertRole(actor, ["admin"], "settings:dkim");
  const before = summarizeDkimStatus(await getDkimStatus());
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.setting.deleteMany({ where: { key: DKIM_SETTING_KEY } });
    if (count === 0) return false;
    const after = summarizeDkimStatus(getConfiguredDkimStatus());
    await recordAuditEvent(tx, {
      type: "settings.changed",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { key: "dkim", before, after },
    });
    return true;
  });
}
