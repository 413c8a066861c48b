import { createHmac, timingSafeEqual } from "node:crypto";
import { ConfigError, getConfig } from "@/lib/config";

// Short-lived values the server hands itself through the browser (cookies) or through Auth.js (sign-in grants):
// a JSON payload with an expiry, authenticated with HMAC-SHA256 under AUTH_SECRET. The purpose is part of the
// MAC input, so a value minted for one purpose (say, a proven address) is never accepted as another (a grant).

export type SignedPurpose = "address-proof" | "pending-sign-in" | "pending-mfa" | "sign-in-grant" | "passkey-challenge";

function mac(purpose: SignedPurpose, body: string): Buffer {
  const secret = getConfig().AUTH_SECRET;
  if (!secret) throw new ConfigError("AUTH_SECRET", "not set; signed values cannot be made or checked without it");
  return createHmac("sha256", secret).update(`sealpost:${purpose}\n${body}`).digest();
}

/** `<base64url JSON>.<base64url MAC>`, valid for `ttlMs` from `now`. */
export function signValue(purpose: SignedPurpose, payload: Record<string, unknown>, ttlMs: number, now = new Date()): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: now.getTime() + ttlMs }), "utf8").toString("base64url");
  return `${body}.${mac(purpose, body).toString("base64url")}`;
}

/** The payload when the MAC matches `purpose` and the value has not expired; otherwise null. */
export function readSignedValue(purpose: SignedPurpose, value: string | null | undefined, now = new Date()): Record<string, unknown> | null {
  if (!value) return null;
  const [body, signature, extra] = value.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(purpose, body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
  const record = payload as Record<string, unknown>;
  return typeof record.exp === "number" && record.exp > now.getTime() ? record : null;
}
