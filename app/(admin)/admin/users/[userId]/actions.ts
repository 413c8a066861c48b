"use server";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { deactivateUser } from "@/lib/admin/deactivate-user";
import { INVITABLE_ROLES } from "@/lib/admin/invitation-schemas";
import { reactivateUser } from "@/lib/admin/reactivate-user";
import { resendInvitation } from "@/lib/admin/resend-invitation";
import { UserAdminError } from "@/lib/admin/user-admin-error";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { resetTotp } from "@/lib/auth/totp/reset-totp";
import { setWebhookActive } from "@/lib/webhooks/set-webhook-active";

// One account's page: every action is admin only, checks its input, and comes back to the page with a notice
// (?done=…) or a refusal in plain words (?error=<UserAdminError code>).

const idSchema = z.string().min(1).max(64);

type Ctx = { sourceIp: string | null };

async function runForUser(formData: FormData, change: (actor: Actor, userId: string, ctx: Ctx) => Promise<string>): Promise<never> {
  const parsed = idSchema.safeParse(formData.get("userId"));
  if (!parsed.success) notFound();
  const path = `/admin/users/${parsed.data}`;
  const actor = await requireRole(["admin"], path);
  let done: string;
  try {
    done = await change(actor, parsed.data, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof UserAdminError) redirect(`${path}?error=${error.code}`);
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  }
  redirect(`${path}?done=${done}`);
}

const roleSchema = z.enum(INVITABLE_ROLES);

export async function changeRoleAction(formData: FormData): Promise<void> {
  await runForUser(formData, async (actor, userId, ctx) => {
    const role = roleSchema.safeParse(formData.get("role"));
    if (!role.success) notFound();
    await changeUserRole(actor, userId, role.data, ctx);
    return "role";
  });
}

export async function deactivateUserAction(formData: FormData): Promise<void> {
  await runForUser(formData, async (actor, userId, ctx) => {
    // The confirmation box is required: deactivation ends the person's sessions at once.
    if (formData.get("confirm") !== "on") return "unconfirmed";
    await deactivateUser(actor, userId, ctx);
    return "deactivated";
  });
}

export async function reactivateUserAction(formData: FormData): Promise<void> {
  await runForUser(formData, async (actor, userId, ctx) => {
    await reactivateUser(actor, userId, ctx);
    return "reactivated";
  });
}

export async function resendInvitationAction(formData: FormData): Promise<void> {
  await runForUser(formData, async (actor, userId, ctx) => {
    await resendInvitation(actor, userId, ctx);
    return "invited";
  });
}

export async function resetMfaAction(formData: FormData): Promise<void> {
  await runForUser(formData, async (actor, userId, ctx) => {
    if (formData.get("confirm") !== "on") return "unconfirmed";
    return (await resetTotp(actor, userId, ctx)) ? "mfaReset" : "mfaNone";
  });
}

export async function setWebhookActiveAction(formData: FormData): Promise<void> {
  await runForUser(formData, async (actor, _userId, ctx) => {
    const webhookId = idSchema.safeParse(formData.get("webhookId"));
    if (!webhookId.success) notFound();
    await setWebhookActive(actor, webhookId.data, formData.get("active") === "true", ctx);
    return "webhook";
  });
}
