import type { SMTPServerSession } from "smtp-server";
import { verifyApiToken } from "@/lib/auth/api-tokens";

export type SmtpUser = { userId: string; email: string; tokenId: string };

/**
 * SMTP AUTH (PLAIN/LOGIN) for senders outside the relay networks: the username is the sender's email address
 * and the password one of their API tokens. The token alone identifies its owner; the username must name that
 * same owner, so a leaked token cannot be used under another sender's name.
 */
export async function authenticateSmtpLogin(username: string, password: string): Promise<SmtpUser | null> {
  const verified = await verifyApiToken(password);
  if (!verified || verified.email.toLowerCase() !== username.trim().toLowerCase()) return null;
  return { userId: verified.userId, email: verified.email, tokenId: verified.tokenId };
}

/** The sender authenticated on this SMTP session, if any (smtp-server keeps it untyped in `session.user`). */
export function sessionUser(session: SMTPServerSession): SmtpUser | null {
  const user: unknown = session.user;
  return typeof user === "object" && user !== null && "userId" in user ? (user as SmtpUser) : null;
}
