import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { checkNewPassword, type NewPasswordProblem } from "@/lib/auth/check-new-password";
import { consumeAddressProof } from "@/lib/auth/consume-address-proof";
import { hashPassword } from "@/lib/auth/passwords";
import type { AddressProof } from "@/lib/auth/read-address-proof";
import { recordKnownDevice } from "@/lib/auth/record-known-device";
import { createSignInGrant } from "@/lib/auth/sign-in-grant";
import { getDb } from "@/lib/db";

const nameSchema = z.string().trim().min(1).max(200);

export type RegisterResult =
  | { ok: true; userId: string; recipientId: string; grant: string; deviceSecret: string }
  | { ok: false; error: "invalid-proof" | "account-exists" | "name" | NewPasswordProblem };

/**
 * Creates the recipient account for the address a portal link proved: role `recipient`, address verified, and
 * the link used up in the same transaction, so one link makes at most one account. One account per address
 * across every sender: when one exists (also one made a moment ago in another tab), nothing is created and the
 * person is sent to sign in. This browser becomes a known device and is signed in.
 */
export async function registerRecipient(
  proof: AddressProof | null,
  input: { name: string; password: string; confirm: string },
  ctx: { sourceIp: string | null; userAgent: string | null; now?: Date },
): Promise<RegisterResult> {
  if (!proof) return { ok: false, error: "invalid-proof" };
  const name = nameSchema.safeParse(input.name);
  if (!name.success) return { ok: false, error: "name" };
  const problem = await checkNewPassword(input.password, input.confirm, [proof.email, name.data]);
  if (problem) return { ok: false, error: problem };
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now ?? new Date();
  type Created = { userId: string; deviceSecret: string } | { error: "invalid-proof" | "account-exists" };
  const created = await getDb().$transaction(async (tx): Promise<Created> => {
    if (await tx.user.findUnique({ where: { email: proof.email }, select: { id: true } })) return { error: "account-exists" };
    const user = await tx.user.create({
      data: { email: proof.email, name: name.data, role: "recipient", passwordHash, emailVerifiedAt: now, passwordChangedAt: now },
      select: { id: true },
    });
    if (!(await consumeAddressProof(tx, proof, user.id, now))) throw new LinkUsedError();
    const deviceSecret = await recordKnownDevice(tx, user.id, ctx.userAgent);
    await recordAuditEvent(tx, {
      type: "recipient.registered",
      actorType: "user",
      actorId: user.id,
      sourceIp: ctx.sourceIp,
      messageId: proof.messageId,
      recipientId: proof.recipientId,
      outcome: "success",
      data: { accessTokenId: proof.accessTokenId },
    });
    return { userId: user.id, deviceSecret };
  }).catch((error: unknown) => {
    // Rolled back: the user row goes with it.
    if (error instanceof LinkUsedError) return { error: "invalid-proof" as const };
    // Another tab registered the same address between our check and insert (unique User.email).
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002") return { error: "account-exists" as const };
    throw error;
  });
  if ("error" in created) return { ok: false, error: created.error };
  return { ok: true, userId: created.userId, recipientId: proof.recipientId, grant: createSignInGrant(created.userId, now), deviceSecret: created.deviceSecret };
}

class LinkUsedError extends Error {}
