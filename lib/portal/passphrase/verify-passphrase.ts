import { recordAuditEvent } from "@/lib/audit/record-event";
import { verifyPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/roles";
import { getDb, type Tx } from "@/lib/db";
import { MAX_PASSPHRASE_FAILURES, PASSPHRASE_LOCK_MS } from "@/lib/portal/passphrase/passphrase-policy";
import { enterPassphraseSchema } from "@/lib/portal/passphrase/passphrase-schema";
import { requireRecipientAccess, type AccessContext } from "@/lib/portal/require-message-access";

export type PassphraseCheck =
  | { status: "verified" }
  | { status: "wrong"; attemptsLeft: number }
  | { status: "locked"; lockedUntil: Date };

type Claim = { status: "verified" } | { status: "locked"; lockedUntil: Date } | { status: "attempt"; hash: string; attempt: number };

type Audit = { actor: Actor; recipientId: string; messageId: string; sourceIp: string | null };

/**
 * Checks a passphrase typed by the signed-in recipient of this row. Five wrong answers lock the row for 15
 * minutes; every answer is audited (`passphrase.verified` / `passphrase.failed`, never the text typed).
 *
 * An attempt is counted BEFORE the slow hash comparison, with a conditional update, so parallel requests
 * cannot get more than five guesses in between; a right answer then resets the count.
 * @throws AccessDeniedError (audited) for anyone but the recipient, RecipientAccessBlockedError when the
 * message was revoked or has expired, ZodError for input no form would send.
 */
export async function verifyRecipientPassphrase(actor: Actor, recipientId: string, passphrase: string, ctx: AccessContext = {}): Promise<PassphraseCheck> {
  const input = enterPassphraseSchema.parse({ recipientId, passphrase });
  const { recipient } = await requireRecipientAccess(actor, input.recipientId, { ...ctx, allowPassphrasePending: true });
  const now = ctx.now ?? new Date();
  const audit: Audit = { actor, recipientId: recipient.id, messageId: recipient.messageId, sourceIp: ctx.sourceIp ?? null };

  const claim = await getDb().$transaction((tx) => claimAttempt(tx, audit, now));
  if (claim.status !== "attempt") return claim;

  // Outside any transaction: argon2 should not hold the SQLite write lock.
  const matches = await verifyPassword(claim.hash, input.passphrase);
  return getDb().$transaction(async (tx) => {
    // Conditioned on the hash compared: if the sender set a new passphrase meanwhile, this answer is stale.
    const where = { id: audit.recipientId, passphraseHash: claim.hash };
    if (matches) {
      const { count } = await tx.recipient.updateMany({ where, data: { passphraseVerifiedAt: now, passphraseFailures: 0, passphraseLockedUntil: null } });
      if (count === 1) {
        await record(tx, audit, "passphrase.verified", "success", { attempt: claim.attempt });
        return { status: "verified" } as const;
      }
    }
    const locks = claim.attempt >= MAX_PASSPHRASE_FAILURES;
    const lockedUntil = new Date(now.getTime() + PASSPHRASE_LOCK_MS);
    if (locks) await tx.recipient.updateMany({ where, data: { passphraseLockedUntil: lockedUntil } });
    await record(tx, audit, "passphrase.failed", "failure", { reason: matches ? "replaced" : "wrong", attempt: claim.attempt, locked: locks });
    return locks ? ({ status: "locked", lockedUntil } as const) : ({ status: "wrong", attemptsLeft: MAX_PASSPHRASE_FAILURES - claim.attempt } as const);
  });
}

async function claimAttempt(tx: Tx, audit: Audit, now: Date): Promise<Claim> {
  const row = await tx.recipient.findUniqueOrThrow({
    where: { id: audit.recipientId },
    select: { passphraseHash: true, passphraseVerifiedAt: true, passphraseLockedUntil: true },
  });
  if (!row.passphraseHash || row.passphraseVerifiedAt) return { status: "verified" };
  if (row.passphraseLockedUntil && row.passphraseLockedUntil > now) {
    await record(tx, audit, "passphrase.failed", "failure", { reason: "locked" });
    return { status: "locked", lockedUntil: row.passphraseLockedUntil };
  }
  if (row.passphraseLockedUntil) {
    // The lock has been served: a fresh set of attempts.
    await tx.recipient.updateMany({
      where: { id: audit.recipientId, passphraseLockedUntil: row.passphraseLockedUntil },
      data: { passphraseFailures: 0, passphraseLockedUntil: null },
    });
  }
  const { count } = await tx.recipient.updateMany({
    where: { id: audit.recipientId, passphraseLockedUntil: null, passphraseFailures: { lt: MAX_PASSPHRASE_FAILURES } },
    data: { passphraseFailures: { increment: 1 } },
  });
  if (count === 0) {
    // Only reachable when parallel attempts used up the last tries before the lock was written.
    await record(tx, audit, "passphrase.failed", "failure", { reason: "locked" });
    return { status: "locked", lockedUntil: new Date(now.getTime() + PASSPHRASE_LOCK_MS) };
  }
  const { passphraseFailures } = await tx.recipient.findUniqueOrThrow({ where: { id: audit.recipientId }, select: { passphraseFailures: true } });
  return { status: "attempt", hash: row.passphraseHash, attempt: passphraseFailures };
}

async function record(
  tx: Tx,
  audit: Audit,
  type: "passphrase.verified" | "passphrase.failed",
  outcome: "success" | "failure",
  data: Record<string, unknown>,
): Promise<void> {
  await recordAuditEvent(tx, {
    type,
    actorType: "user",
    actorId: audit.actor.id,
    sourceIp: audit.sourceIp,
    messageId: audit.messageId,
    recipientId: audit.recipientId,
    outcome,
    data,
  });
}
