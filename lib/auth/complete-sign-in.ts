import { redirect } from "next/navigation";
import { PENDING_MFA_COOKIE, PENDING_MFA_TTL_MS } from "@/lib/auth/access-cookies";
import { signIn } from "@/lib/auth/auth";
import { setAccessCookie } from "@/lib/auth/request-context";
import { toLocalPath } from "@/lib/auth/to-local-path";

/**
 * Turns a grant from a fully checked sign-in into the Auth.js session cookie and redirects to `redirectTo`
 * (a local path). Server actions only; like every Next redirect it throws, so call it last.
 */
export async function completeSignIn(grant: string, redirectTo: string): Promise<never> {
  await signIn("grant", { grant, redirectTo: toLocalPath(redirectTo) });
  // signIn redirects (throws); reaching here means Auth.js refused the grant.
  throw new Error("The sign-in could not be completed.");
}

/**
 * The first factor passed for an account with TOTP on: keeps the pending sign-in in its HttpOnly cookie and
 * sends the browser to the code page (/verify-mfa), which then continues to `redirectTo`. Server actions only;
 * throws Next's redirect, so call it last.
 */
export async function continueToTotpStep(pendingMfa: string, redirectTo: string, secure: boolean): Promise<never> {
  await setAccessCookie(PENDING_MFA_COOKIE, pendingMfa, PENDING_MFA_TTL_MS, secure);
  redirect(`/verify-mfa?callbackUrl=${encodeURIComponent(toLocalPath(redirectTo))}`);
}
