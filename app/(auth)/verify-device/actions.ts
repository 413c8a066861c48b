"use server";

import { z } from "zod";
import { PENDING_SIGN_IN_COOKIE, PENDING_SIGN_IN_TTL_MS } from "@/lib/auth/access-cookies";
import { completeSignIn, continueToTotpStep } from "@/lib/auth/complete-sign-in";
import { clearAccessCookie, readAccessRequest, rememberDevice, setAccessCookie } from "@/lib/auth/request-context";
import { startDeviceChallenge } from "@/lib/auth/start-device-challenge";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { pendingSignInUser, verifyDeviceCode } from "@/lib/auth/verify-device-code";

export type VerifyDeviceState =
  | { result: null | "expired" | "no-code" | "locked" | "resent" }
  | { result: "wrong"; attemptsLeft: number }
  | { result: "resend-throttled"; retryAfterMs: number };

const codeSchema = z.string().max(20);

/** Checks the emailed code for the pending sign-in (cookie) and, when right, finishes signing in (or asks for TOTP). */
export async function verifyDeviceAction(_previous: VerifyDeviceState, formData: FormData): Promise<VerifyDeviceState> {
  const code = codeSchema.catch("").parse(formData.get("code"));
  const request = await readAccessRequest();
  const result = await verifyDeviceCode(request.pendingSignIn, code, request);
  if (result.kind === "wrong") return { result: "wrong", attemptsLeft: result.attemptsLeft };
  if (result.kind !== "verified" && result.kind !== "totp") return { result: result.kind };
  await rememberDevice(result.deviceSecret, request.secure);
  await clearAccessCookie(PENDING_SIGN_IN_COOKIE);
  const callbackUrl = toLocalPath(formData.get("callbackUrl"));
  if (result.kind === "totp") return continueToTotpStep(result.pendingMfa, callbackUrl, request.secure);
  return completeSignIn(result.grant, callbackUrl);
}

/** "Send me a new code": a fresh code (earlier ones stop working), limited per account. */
export async function resendDeviceCodeAction(_previous: VerifyDeviceState): Promise<VerifyDeviceState> {
  const request = await readAccessRequest();
  const userId = pendingSignInUser(request.pendingSignIn);
  if (!userId) return { result: "expired" };
  const challenge = await startDeviceChallenge(userId, { sourceIp: request.sourceIp, resend: true });
  if (challenge.retryAfterMs > 0) return { result: "resend-throttled", retryAfterMs: challenge.retryAfterMs };
  // A fresh pending window, so the new code's 10 minutes are not cut short by the old cookie.
  await setAccessCookie(PENDING_SIGN_IN_COOKIE, challenge.pendingSignIn, PENDING_SIGN_IN_TTL_MS, request.secure);
  return { result: "resent" };
}
