// Cookies of the access flow besides Auth.js's own session cookie. All are HttpOnly and SameSite=Lax (sent on
// top-level navigations from a mail client, never on cross-site subrequests), Secure on HTTPS.

/** A portal link proved this browser's person controls an address (signed: AccessToken id + expiry). */
export const ADDRESS_PROOF_COOKIE = "sealpost-address-proof";
export const ADDRESS_PROOF_TTL_MS = 20 * 60_000;

/** A password sign-in that waits for the emailed device code (signed: user id + expiry). */
export const PENDING_SIGN_IN_COOKIE = "sealpost-pending-sign-in";
export const PENDING_SIGN_IN_TTL_MS = 10 * 60_000;

/** A sign-in whose first factor is done, waiting for the staff member's authenticator code (signed: user id + expiry). */
export const PENDING_MFA_COOKIE = "sealpost-pending-mfa";
export const PENDING_MFA_TTL_MS = 10 * 60_000;

/** Random secrets of the accounts that signed in from this browser before (space-separated; hashes stored). */
export const DEVICE_COOKIE = "sealpost-device";
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 86_400;
// A shared family computer may know a few accounts; more than this and the oldest is forgotten.
const MAX_DEVICE_SECRETS = 5;

export type CookieOptions = { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/"; maxAge: number };

export function accessCookieOptions(secure: boolean, maxAgeSeconds: number): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: Math.floor(maxAgeSeconds) };
}

/** The device secrets a cookie value carries (never more than MAX_DEVICE_SECRETS, each token-shaped). */
export function parseDeviceSecrets(value: string | null | undefined): string[] {
  return (value ?? "")
    .split(" ")
    .filter((secret) => /^[A-Za-z0-9_-]{43}$/.test(secret))
    .slice(-MAX_DEVICE_SECRETS);
}

/** The cookie value after adding `secret`: newest last, oldest dropped beyond the limit. */
export function addDeviceSecret(value: string | null | undefined, secret: string): string {
  return [...parseDeviceSecrets(value), secret].slice(-MAX_DEVICE_SECRETS).join(" ");
}
