import { Secret, TOTP } from "otpauth";

// RFC 6238 with the parameters every authenticator app supports: HMAC-SHA1, 6 digits, 30-second steps.
export const TOTP_PERIOD_SECONDS = 30;
// One step either side (RFC 6238 section 5.2 recommends at most one step of network delay): a code typed in its
// last seconds, or a phone clock a little off, still works.
const WINDOW = 1;

/**
 * The time step (RFC 6238 T) whose code `code` is, within one step of `now`; null when it matches none. The
 * caller refuses steps at or before the last accepted one (section 5.2: a code is accepted once).
 */
export function matchTotpCode(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const timestamp = now.getTime();
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), period: TOTP_PERIOD_SECONDS, timestamp, window: WINDOW });
  return delta === null ? null : TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
}

/** The otpauth:// URI authenticator apps read from the QR code (Google Authenticator's Key URI Format). */
export function buildTotpUri(secret: string, account: { issuer: string; label: string }): string {
  return new TOTP({ issuer: account.issuer, label: account.label, secret: Secret.fromBase32(secret), period: TOTP_PERIOD_SECONDS }).toString();
}
