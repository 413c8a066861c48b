import { createHmac } from "node:crypto";
import { ConfigError, getConfig } from "@/lib/config";

// A six-digit code has only 10^6 values, so a plain hash of it could be reversed from a database copy at once.
// Keyed with AUTH_SECRET and bound to its AccessToken row id (which also keeps the unique tokenHash column
// collision-free when two users get the same digits).
export function hashDeviceCode(accessTokenId: string, code: string): string {
  const secret = getConfig().AUTH_SECRET;
  if (!secret) throw new ConfigError("AUTH_SECRET", "not set; device codes cannot be issued or checked without it");
  return createHmac("sha256", secret).update(`sealpost:device-code\n${accessTokenId}\n${code}`).digest("hex");
}
