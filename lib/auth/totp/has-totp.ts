import { getDb } from "@/lib/db";

/** Whether the user has confirmed a TOTP authenticator (sign-in then asks for its code). For listings and gates. */
export async function hasTotp(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return user?.totpEnabledAt != null;
}
