import type { Actor } from "@/lib/auth/roles";
import { buildTotpUri } from "@/lib/auth/totp/match-totp-code";
import { openTotpSecret } from "@/lib/auth/totp/totp-secret";
import { getDb } from "@/lib/db";
import { getKeyRing } from "@/lib/escrow/key-ring";
import { getBranding } from "@/lib/settings/get-branding";

export type TotpStatus =
  | { state: "off" }
  /** Set up but not confirmed: the secret and its otpauth:// URI, shown to the account's owner only. */
  | { state: "pending"; secret: string; uri: string }
  | { state: "on"; enabledAt: Date };

/**
 * The signed-in person's own TOTP state for /account/mfa. The secret is returned only while the setup is
 * pending (the person needs it to add the account to their app); once on, it is never shown again.
 */
export async function getTotpStatus(actor: Actor): Promise<TotpStatus> {
  const user = await getDb().user.findUnique({
    where: { id: actor.id },
    select: { id: true, email: true, totpSecretSealed: true, totpKeyId: true, totpEnabledAt: true },
  });
  if (user?.totpEnabledAt) return { state: "on", enabledAt: user.totpEnabledAt };
  const secret = user ? openTotpSecret(getKeyRing(), user) : null;
  if (!user || !secret) return { state: "off" };
  // The app shows "<issuer> (<email>)": the organisation's name tells the person which account a code is for.
  const uri = buildTotpUri(secret, { issuer: (await getBranding()).orgName, label: user.email });
  return { state: "pending", secret, uri };
}
