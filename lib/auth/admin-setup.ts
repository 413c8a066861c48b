import { recordAuditEvent } from "@/lib/audit/record-event";
import { generateToken, hashToken } from "@/lib/auth/hash-token";
import { hashPassword } from "@/lib/auth/passwords";
import { adminSetupSchema } from "@/lib/auth/schemas";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";

// The first admin account is created through a one-time link printed at start-up (and by
// `sealpost admin setup-link`), so a fresh instance never has a default password.

const SETUP_PURPOSE = "admin-setup";
export const ADMIN_SETUP_TTL_MS = 24 * 60 * 60 * 1000;

export type AdminSetupFailure = "invalid-input" | "invalid-token" | "admin-exists" | "email-taken";

export class AdminSetupError extends Error {
  constructor(readonly code: AdminSetupFailure) {
    super(`Admin setup failed: ${code}`);
  }
}

export async function adminExists(): Promise<boolean> {
  return (await getDb().user.count({ where: { role: "admin" } })) > 0;
}

/**
 * A fresh `${publicUrl}/setup/<token>` link while no admin exists, else null. Earlier unused setup links stop
 * working, so only the most recently printed link is valid. The token is stored hashed and expires in 24 hours.
 */
export async function createAdminSetupLink(now = new Date()): Promise<string | null> {
  if (await adminExists()) return null;
  const token = generateToken();
  await getDb().$transaction(async (tx) => {
    await tx.accessToken.updateMany({
      where: { purpose: SETUP_PURPOSE, consumedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await tx.accessToken.create({
      data: { purpose: SETUP_PURPOSE, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + ADMIN_SETUP_TTL_MS) },
    });
  });
  return `${getConfig().publicUrl}/setup/${token}`;
}

/** Whether a setup link can still be used (unknown, used and expired links cannot). Does not consume it. */
export async function isAdminSetupTokenUsable(token: string, now = new Date()): Promise<boolean> {
  const row = await getDb().accessToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, consumedAt: true, expiresAt: true },
  });
  return !!row && row.purpose === SETUP_PURPOSE && !row.consumedAt && row.expiresAt > now;
}

/**
 * Creates the first admin from a setup link. The token is consumed in the same transaction that creates the
 * user, so a link works exactly once and a failed attempt (e.g. email taken) leaves it usable.
 * @throws AdminSetupError
 */
export async function completeAdminSetup(
  token: string,
  input: { name: string; email: string; password: string; confirm?: string },
  context: { sourceIp?: string | null; now?: Date } = {},
): Promise<{ userId: string }> {
  const parsed = adminSetupSchema.safeParse({ confirm: input.password, ...input });
  if (!parsed.success) throw new AdminSetupError("invalid-input");
  const { name, email, password } = parsed.data;
  const now = context.now ?? new Date();
  // Hash outside the transaction: 15 ms of argon2 should not hold a SQLite write lock.
  const passwordHash = await hashPassword(password);
  return getDb().$transaction(async (tx) => {
    const consumed = await tx.accessToken.updateMany({
      where: { tokenHash: hashToken(token), purpose: SETUP_PURPOSE, consumedAt: null, expiresAt: { gt: now } },
      data: { consumedAt: now },
    });
    if (consumed.count !== 1) throw new AdminSetupError("invalid-token");
    if ((await tx.user.count({ where: { role: "admin" } })) > 0) throw new AdminSetupError("admin-exists");
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new AdminSetupError("email-taken");
    const user = await tx.user.create({ data: { name, email, role: "admin", passwordHash }, select: { id: true } });
    await recordAuditEvent(tx, {
      type: "user.created",
      actorType: "user",
      actorId: user.id,
      sourceIp: context.sourceIp ?? null,
      outcome: "success",
      data: { role: "admin", via: "setup-link" },
    });
    return { userId: user.id };
  });
}
