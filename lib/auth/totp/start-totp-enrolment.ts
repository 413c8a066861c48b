import { assertRole, STAFF_ROLES, type Actor } from "@/lib/auth/roles";
import { generateTotpSecret, sealTotpSecret } from "@/lib/auth/totp/totp-secret";
import { getDb } from "@/lib/db";
import { getKeyRing } from "@/lib/escrow/key-ring";

/**
 * Begins setting up an authenticator app for a staff member: a new secret is sealed onto their account but not
 * enabled until they confirm a first code (confirm-totp-enrolment.ts), so a half-finished setup never locks
 * anyone out. Starting again replaces a pending secret. Returns false (changing nothing) when TOTP is already on:
 * it must be turned off with a current code first. Nothing is audited until the setup is confirmed.
 */
export async function startTotpEnrolment(actor: Actor): Promise<boolean> {
  assertRole(actor, STAFF_ROLES, "mfa:enrol");
  const sealed = sealTotpSecret(getKeyRing(), actor.id, generateTotpSecret());
  const { count } = await getDb().$transaction((tx) =>
    tx.user.updateMany({ where: { id: actor.id, totpEnabledAt: null }, data: { ...sealed, totpLastStep: null } }),
  );
  return count === 1;
}
