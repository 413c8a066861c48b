import { isStaffRole, type Actor, type Role } from "@/lib/auth/roles";
import { hasTotp } from "@/lib/auth/totp/has-totp";
import { getOrgSettings } from "@/lib/settings/org-settings";

/**
 * The required-MFA rule: when the organisation requires it, a staff member without a confirmed authenticator
 * must set one up before using anything else. Recipients never need one.
 */
export function needsMfaSetup(input: { role: Role; totpEnabled: boolean; requireStaffMfa: boolean }): boolean {
  return input.requireStaffMfa && isStaffRole(input.role) && !input.totpEnabled;
}

/** needsMfaSetup for a signed-in actor. Recipients cost no query; staff one or two small reads. */
export async function actorNeedsMfaSetup(actor: Actor): Promise<boolean> {
  if (!isStaffRole(actor.role)) return false;
  const { requireStaffMfa } = await getOrgSettings();
  if (!requireStaffMfa) return false;
  return needsMfaSetup({ role: actor.role, requireStaffMfa, totpEnabled: await hasTotp(actor.id) });
}
