import { isRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/**
 * The actor for a session's user id, re-read from the database so that deactivation and role changes take
 * effect on the next request instead of when the session cookie expires. Null when the user is gone,
 * deactivated or carries an unknown role.
 */
export async function getActor(userId: string): Promise<Actor | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, deactivatedAt: true },
  });
  if (!user || user.deactivatedAt || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
