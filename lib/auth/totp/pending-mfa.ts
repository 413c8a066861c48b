import { PENDING_MFA_TTL_MS } from "@/lib/auth/access-cookies";
import { readSignedValue, signValue } from "@/lib/auth/signed-value";

// The state carried between the first factor (password, plus the device code or a portal link) and the TOTP
// step: signed with AUTH_SECRET in an HttpOnly cookie, like the pending device sign-in. It proves only that
// the first factor passed; the session is issued once the code is right (lib/auth/totp/verify-totp-sign-in.ts).

/** How the first factor was completed, recorded on `user.signed_in` once the code is right. */
export type FirstFactor = { via: "password" | "password-reset"; device: "known" | "code" | "portal-link" | "reset-link" };

export type PendingMfa = { userId: string } & FirstFactor;

export function createPendingMfa(userId: string, firstFactor: FirstFactor, now = new Date()): string {
  return signValue("pending-mfa", { userId, ...firstFactor }, PENDING_MFA_TTL_MS, now);
}

/** The pending sign-in, or null when the value is missing, forged or older than PENDING_MFA_TTL_MS. */
export function readPendingMfa(value: string | null | undefined, now = new Date()): PendingMfa | null {
  const payload = readSignedValue("pending-mfa", value, now);
  if (typeof payload?.userId !== "string") return null;
  const via = payload.via === "password-reset" ? "password-reset" : "password";
  const device = payload.device === "code" || payload.device === "portal-link" || payload.device === "reset-link" ? payload.device : "known";
  return { userId: payload.userId, via, device };
}
