import { getDb } from "@/lib/db";

/**
 * Whether the session with this id was signed out (lib/auth/revoke-session.ts). One primary-key look-up. An
 * expired row still counts: by then the token itself is past its absolute limit, so the answer cannot matter.
 */
export async function isSessionRevoked(sid: string): Promise<boolean> {
  const row = await getDb().revokedSession.findUnique({ where: { sid }, select: { sid: true } });
  return row !== null;
}
