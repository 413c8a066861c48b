"use server";

import { signOut } from "@/lib/auth/auth";
import { changePassword, type ChangePasswordResult } from "@/lib/auth/change-password";
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { readAccessRequest } from "@/lib/auth/request-context";
import { requireUser } from "@/lib/auth/require-role";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";

export type ChangePasswordState = { error: Extract<ChangePasswordResult, { ok: false }>["error"] | null; retryAfterMs?: number };

/** Current + new password. Every session ends; this browser is signed straight back in. */
export async function changePasswordAction(_previous: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const actor = await requireUser("/account");
  const input = {
    current: String(formData.get("current") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirm: String(formData.get("confirm") ?? ""),
  };
  const result = await changePassword(actor, input, { sourceIp: (await readAccessRequest()).sourceIp });
  if (!result.ok) return { error: result.error, retryAfterMs: result.retryAfterMs };
  return completeSignIn(result.grant, "/account?password=changed");
}

/** Ends every session of the signed-in person, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const actor = await requireUser("/account");
  await signOutEverywhere(actor, { sourceIp: (await readAccessRequest()).sourceIp });
  await signOut({ redirectTo: "/signin?signedout=everywhere" });
}
