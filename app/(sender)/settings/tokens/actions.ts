"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { issueApiToken } from "@/lib/admin/issue-api-token";
import { revokeUserApiToken } from "@/lib/admin/revoke-user-api-token";
import { UserAdminError } from "@/lib/admin/user-admin-error";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";

// Token actions for both pages that show tokens: a person's own (/settings/tokens) and an admin's view of an
// account (/admin/users/[userId]). Ownership is checked in lib/admin (own tokens, or any for an admin).

const OWN_PATH = "/settings/tokens";

export type CreateTokenState = {
  /** Catalogue key (Messages["apiTokens"]["errors"]). */
  error: string | null;
  /** The only response that ever carries the token; the pages never read it back. */
  created: { name: string; token: string } | null;
};

const createSchema = z.object({ userId: z.string().min(1).max(64), name: z.string().max(1_000) });

export async function createTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const actor = await requireRole(["admin", "sender"], OWN_PATH);
  const parsed = createSchema.safeParse({ userId: formData.get("userId"), name: formData.get("name") ?? "" });
  if (!parsed.success) notFound();
  try {
    const { token } = await issueApiToken(actor, parsed.data.userId, parsed.data.name, { sourceIp: getClientIp(await headers()) });
    revalidatePath(OWN_PATH);
    revalidatePath(`/admin/users/${parsed.data.userId}`);
    return { error: null, created: { name: parsed.data.name.trim(), token } };
  } catch (error) {
    if (error instanceof z.ZodError) return { error: error.issues[0]?.message ?? "nameMissing", created: null };
    if (error instanceof UserAdminError) return { error: error.code, created: null };
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  }
}

const revokeSchema = z.object({ tokenId: z.string().min(1).max(64), from: z.enum(["own", "admin"]) });

export async function revokeTokenAction(formData: FormData): Promise<void> {
  const actor = await requireRole(["admin", "sender"], OWN_PATH);
  const parsed = revokeSchema.safeParse({ tokenId: formData.get("tokenId"), from: formData.get("from") });
  if (!parsed.success) notFound();
  let userId: string;
  try {
    ({ userId } = await revokeUserApiToken(actor, parsed.data.tokenId, { sourceIp: getClientIp(await headers()) }));
  } catch (error) {
    if (error instanceof AccessDeniedError || error instanceof UserAdminError) notFound();
    throw error;
  }
  redirect(parsed.data.from === "admin" ? `/admin/users/${userId}?done=tokenRevoked` : `${OWN_PATH}?done=revoked`);
}
