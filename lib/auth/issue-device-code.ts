import { randomInt, randomUUID } from "node:crypto";
import { hashDeviceCode } from "@/lib/auth/hash-device-code";
import type { Tx } from "@/lib/db";

const DEVICE_CODE_TTL_MS = 10 * 60_000;
export const DEVICE_CODE_MAX_ATTEMPTS = 5;

/**
 * A fresh six-digit code for signing `userId` in on a new browser; earlier unused codes stop working. Called by
 * the email job right before sending, so the code exists only in that job's memory and (hashed) in the table.
 */
export async function issueDeviceCode(tx: Tx, userId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  await tx.accessToken.updateMany({
    where: { userId, purpose: "device-code", consumedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const id = randomUUID();
  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  const expiresAt = new Date(now.getTime() + DEVICE_CODE_TTL_MS);
  await tx.accessToken.create({ data: { id, purpose: "device-code", userId, tokenHash: hashDeviceCode(id, code), expiresAt } });
  return { code, expiresAt };
}
