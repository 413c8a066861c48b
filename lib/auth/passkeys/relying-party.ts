import { getConfig } from "@/lib/config";

export type RelyingParty = { id: string; name: string; origin: string };

/**
 * Who passkeys are bound to (WebAuthn Level 3 §5.1.4 / §13.4.9): the RP ID is the host name of PUBLIC_URL and
 * the only accepted origin is PUBLIC_URL's origin. A passkey made for one host name does not work on another,
 * so PUBLIC_URL must be the address people actually use.
 */
export function getRelyingParty(): RelyingParty {
  const { publicUrl, ORG_NAME } = getConfig();
  const url = new URL(publicUrl);
  return { id: url.hostname, name: ORG_NAME, origin: url.origin };
}
