import { isRole, type Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

/** What a provider's `authorize` returns to Auth.js: the actor plus the session version stamped into the JWT. */
export type SessionUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

/**
 * The user a session is about to be issued for, or null when they are gone or deactivated. Every Auth.js
 * provider returns this shape so the JWT carries the current `sessionVersion` (lib/auth/auth.config.ts).
 */
export async function loadSessionUser(userId: string): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true, deactivatedAt: true },
  });
  if (!user || user.deactivatedAt || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
