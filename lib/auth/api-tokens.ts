import type { AuditActorType } from "@/lib/audit/event-types";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import { generateToken, hashToken } from "@/lib/auth/hash-token";
import { TOKEN_HOLDER_ROLES } from "@/lib/auth/roles";

// API tokens authenticate the HTTP API (Bearer) and SMTP AUTH (as the password). The "sp_" prefix lets secret
// scanners and people recognise a leaked Sealpost token; only its SHA-256 hash is stored.
const TOKEN_FORMAT = /^sp_[A-Za-z0-9_-]{43}$/;
// Recording every use would turn each API call and SMTP login into a write; a minute is precise enough to
// tell a live token from a forgotten one.
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiTokenActor = { type: AuditActorType; id?: string | null };

export type VerifiedApiToken = { userId: string; tokenId: string; email: string; name: string };

/** Issues a token for `userId`. The plaintext is returned once and never stored. */
export async function createApiToken(userId: string, name: string, actor?: ApiTokenActor): Promise<{ token: string; id: string }> {
  const token = `sp_${generateToken()}`;
  const id = await getDb().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10) },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      type: "api_token.created",
      actorType: actor?.type ?? "user",
      actorId: actor ? (actor.id ?? null) : userId,
      outcome: "success",
      data: { tokenId: row.id, userId, name },
    });
    return row.id;
  });
  return { token, id };
}

/**
 * The token's owner, or null when the token is unknown, revoked, or its user is deactivated or no longer in a
 * role that holds tokens (a sender moved to compliance keeps the token row until revoked, but it no longer
 * sends mail; that refusal is audited).
 */
export async function verifyApiToken(token: string): Promise<VerifiedApiToken | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const db = getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, deactivatedAt: true } } },
  });
  if (!row || row.revokedAt || row.user.deactivatedAt) return null;
  if (!(TOKEN_HOLDER_ROLES as readonly string[]).includes(row.user.role)) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        type: "access.denied",
        actorType: "api-token",
        actorId: row.id,
        outcome: "denied",
        data: { resource: "api-token", reason: "role", role: row.user.role, userId: row.user.id },
      }),
    );
    return null;
  }
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    // Conditional update: concurrent requests with the same token write at most once per minute.
    await db.$transaction((tx) =>
      tx.apiToken.updateMany({ where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: now } }),
    );
  }
  return { userId: row.user.id, tokenId: row.id, email: row.user.email, name: row.user.name };
}

/** Revokes a token (idempotent: revoking twice keeps the first revocation time and audits once). */
export async function revokeApiToken(tokenId: string, actor: ApiTokenActor): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) return false;
    await recordAuditEvent(tx, {
      type: "api_token.revoked",
      actorType: actor.type,
      actorId: actor.id ?? null,
      outcome: "success",
      data: { tokenId },
    });
    return true;
  });
}
