import { cookies, headers } from "next/headers";
import {
  ADDRESS_PROOF_COOKIE,
  accessCookieOptions,
  addDeviceSecret,
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_S,
  parseDeviceSecrets,
  PENDING_MFA_COOKIE,
  PENDING_SIGN_IN_COOKIE,
} from "@/lib/auth/access-cookies";
import { getClientIp } from "@/lib/auth/get-client-ip";

// The request facts and cookies the access actions need, read through Next's request scope. Server actions
// and route handlers only (server components may read but not set cookies).

export type AccessRequest = {
  sourceIp: string | null;
  userAgent: string | null;
  /** The request came over HTTPS, so cookies get the Secure flag. */
  secure: boolean;
  addressProof: string | null;
  pendingSignIn: string | null;
  pendingMfa: string | null;
  deviceSecrets: string[];
};

export async function readAccessRequest(): Promise<AccessRequest> {
  const [headerList, jar] = await Promise.all([headers(), cookies()]);
  return {
    sourceIp: getClientIp(headerList),
    userAgent: headerList.get("user-agent"),
    secure: headerList.get("x-forwarded-proto") === "https",
    addressProof: jar.get(ADDRESS_PROOF_COOKIE)?.value ?? null,
    pendingSignIn: jar.get(PENDING_SIGN_IN_COOKIE)?.value ?? null,
    pendingMfa: jar.get(PENDING_MFA_COOKIE)?.value ?? null,
    deviceSecrets: parseDeviceSecrets(jar.get(DEVICE_COOKIE)?.value),
  };
}

export async function setAccessCookie(name: typeof ADDRESS_PROOF_COOKIE | typeof PENDING_SIGN_IN_COOKIE | typeof PENDING_MFA_COOKIE, value: string, maxAgeMs: number, secure: boolean): Promise<void> {
  (await cookies()).set(name, value, accessCookieOptions(secure, maxAgeMs / 1000));
}

export async function clearAccessCookie(name: typeof ADDRESS_PROOF_COOKIE | typeof PENDING_SIGN_IN_COOKIE | typeof PENDING_MFA_COOKIE): Promise<void> {
  (await cookies()).delete(name);
}

/** Adds a device secret to this browser's device cookie (kept alongside other accounts' secrets). */
export async function rememberDevice(secret: string, secure: boolean): Promise<void> {
  const jar = await cookies();
  jar.set(DEVICE_COOKIE, addDeviceSecret(jar.get(DEVICE_COOKIE)?.value, secret), accessCookieOptions(secure, DEVICE_COOKIE_MAX_AGE_S));
}
