"use server";

import { z } from "zod";
import { PENDING_MFA_COOKIE } from "@/lib/auth/access-cookies";
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { clearAccessCookie, readAccessRequest } from "@/lib/auth/request-context";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { verifyTotpSignIn } from "@/lib/auth/totp/verify-totp-sign-in";

export type VerifyMfaState =
  | { result: null | "expired" }
  | { result: "wrong-code" | "replayed" | "throttled"; retryAfterMs: number };

const codeSchema = z.string().max(20);

/**
 * The TOTP step of a staff sign-in. Public endpoint: the signed pending-MFA cookie names the account, and the
 * code is checked, limited and audited in lib/auth/totp/verify-totp-sign-in.ts. When right, signs in.
 */
export async function verifyMfaAction(_previous: VerifyMfaState, formData: FormData): Promise<VerifyMfaState> {
  const code = codeSchema.catch("").parse(formData.get("code"));
  const request = await readAccessRequest();
  const result = await verifyTotpSignIn(request.pendingMfa, code, request);
  if (result.kind === "expired") return { result: "expired" };
  if (result.kind !== "verified") return { result: result.kind, retryAfterMs: result.retryAfterMs };
  await clearAccessCookie(PENDING_MFA_COOKIE);
  return completeSignIn(result.grant, toLocalPath(formData.get("callbackUrl")));
}
