import { isRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * The actor behind a session, re-read from the database on every gated request: null when the user is gone,
 * deactivated, carries an unknown role, or the session predates their last "sign out everywhere" or password
 * change (its `sessionVersion` is older than the stored one).
 */
export async function getSessionActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, deactivatedAt: true, sessionVersion: true },
  });
  if (!user || user.deactivatedAt || !isRole(user.role) || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
