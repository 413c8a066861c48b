"use server";

import { z } from "zod";
import { completeSignIn, continueToTotpStep } from "@/lib/auth/complete-sign-in";
import { readAccessRequest, rememberDevice } from "@/lib/auth/request-context";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { resetPassword, type ResetPasswordResult } from "@/lib/auth/reset-password";

export type ResetRequestState = { done: boolean; invalid: boolean; email: string };

/** Always the same answer for a well-formed address, account or not (lib/auth/request-password-reset.ts). */
export async function requestPasswordResetAction(_previous: ResetRequestState, formData: FormData): Promise<ResetRequestState> {
  const email = String(formData.get("email") ?? "");
  if (!z.email().safeParse(email.trim()).success) return { done: false, invalid: true, email };
  await requestPasswordReset(email, { sourceIp: (await readAccessRequest()).sourceIp });
  return { done: true, invalid: false, email };
}

export type NewPasswordState = { error: Extract<ResetPasswordResult, { ok: false }>["error"] | null };

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** Sets the new password from a reset link, signs this browser in and says so on the start page. */
export async function resetPasswordAction(token: string, _previous: NewPasswordState, formData: FormData): Promise<NewPasswordState> {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return { error: "invalid-token" };
  const request = await readAccessRequest();
  const input = { password: String(formData.get("password") ?? ""), confirm: String(formData.get("confirm") ?? "") };
  const result = await resetPassword(parsed.data, input, request);
  if (!result.ok) return { error: result.error };
  await rememberDevice(result.deviceSecret, request.secure);
  if ("pendingMfa" in result) return continueToTotpStep(result.pendingMfa, "/account?password=reset", request.secure);
  return completeSignIn(result.grant, "/account?password=reset");
}
