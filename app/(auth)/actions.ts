"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ADDRESS_PROOF_COOKIE, PENDING_SIGN_IN_COOKIE, PENDING_SIGN_IN_TTL_MS } from "@/lib/auth/access-cookies";
import { AdminSetupError, completeAdminSetup } from "@/lib/auth/admin-setup";
import { attemptPasswordSignIn } from "@/lib/auth/attempt-password-sign-in";
import { completeSignIn, continueToTotpStep } from "@/lib/auth/complete-sign-in";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { readAddressProof } from "@/lib/auth/read-address-proof";
import { clearAccessCookie, readAccessRequest, rememberDevice, setAccessCookie } from "@/lib/auth/request-context";
import { signOutCurrentSession } from "@/lib/auth/sign-out-current-session";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { adminSetupSchema, signInSchema } from "@/lib/auth/schemas";

// Every action here is a public endpoint: it parses its own input and never echoes a password back.

export type SignInState = { error: "failed" | "invalid" | "throttled" | null; email: string; retryAfterMs?: number };

/**
 * Password sign-in (lib/auth/attempt-password-sign-in.ts): throttled, then the password, then the browser. An
 * unknown browser goes on to /verify-device; a known one, or one that just used a portal link for this address,
 * is signed in and sent on, or first to /verify-mfa when the account has TOTP on.
 */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: formData.get("password") });
  if (!parsed.success) return { error: "invalid", email };
  const request = await readAccessRequest();
  const addressProof = await readAddressProof(request.addressProof);
  const callbackUrl = toLocalPath(formData.get("callbackUrl"));
  const result = await attemptPasswordSignIn(parsed.data, { ...request, addressProof });
  if (result.kind === "throttled") return { error: "throttled", email, retryAfterMs: result.retryAfterMs };
  if (result.kind === "failed") return { error: "failed", email };
  if (result.kind === "device-code") {
    await setAccessCookie(PENDING_SIGN_IN_COOKIE, result.pendingSignIn, PENDING_SIGN_IN_TTL_MS, request.secure);
    redirect(`/verify-device?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  }
  if (result.deviceSecret) await rememberDevice(result.deviceSecret, request.secure);
  if (addressProof?.email === parsed.data.email) await clearAccessCookie(ADDRESS_PROOF_COOKIE);
  if (result.kind === "totp") return continueToTotpStep(result.pendingMfa, callbackUrl, request.secure);
  return completeSignIn(result.grant, callbackUrl);
}

export async function signOutAction(): Promise<void> {
  await signOutCurrentSession("/");
}

/** "Sign out and continue" on the wrong-account page: the portal link's proof cookie stays for the next step. */
export async function signOutAndContinueAction(): Promise<void> {
  await signOutCurrentSession("/open");
}

const ADMIN_SETUP_FIELDS = ["name", "email", "password", "confirm"] as const;
export type AdminSetupField = (typeof ADMIN_SETUP_FIELDS)[number];

export type AdminSetupState = {
  fieldErrors: Partial<Record<AdminSetupField, string>>;
  formError: "invalid-token" | "admin-exists" | null;
  values: { name: string; email: string };
};

export async function adminSetupAction(token: string, _previous: AdminSetupState, formData: FormData): Promise<AdminSetupState> {
  const input = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirm: String(formData.get("confirm") ?? ""),
  };
  const values = { name: input.name, email: input.email };
  const parsed = adminSetupSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: AdminSetupState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = ADMIN_SETUP_FIELDS.find((name) => name === issue.path[0]);
      if (field) fieldErrors[field] ??= issue.message;
    }
    return { fieldErrors, formError: null, values };
  }
  try {
    await completeAdminSetup(token, parsed.data, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (!(error instanceof AdminSetupError)) throw error;
    if (error.code === "email-taken") return { fieldErrors: { email: "emailTaken" }, formError: null, values };
    if (error.code === "admin-exists") return { fieldErrors: {}, formError: "admin-exists", values };
    return { fieldErrors: {}, formError: "invalid-token", values };
  }
  redirect("/signin?setup=done");
}
