import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";

// The browser's ceremony results arrive as JSON from server actions and the Auth.js callback: public endpoints,
// so every field is checked for shape and size before @simplewebauthn/server looks at it. Client extension
// results are dropped (nothing here asks for extensions, and the verifiers do not read them).

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/);
// A credential id is at most 1023 bytes (WebAuthn §5.8.3); attestation objects stay well under 64 KiB.
const credentialId = base64url(1_400);

const TRANSPORTS = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] as const;

export const passkeyNameSchema = z.string().trim().max(60).catch("");

const registrationSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url(4_096),
    attestationObject: base64url(65_536),
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
});

const authenticationSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url(4_096),
    authenticatorData: base64url(4_096),
    signature: base64url(1_024),
    userHandle: base64url(128).optional(),
  }),
});

export function parseRegistrationResponse(input: unknown): RegistrationResponseJSON | null {
  const parsed = registrationSchema.safeParse(input);
  return parsed.success ? { ...parsed.data, clientExtensionResults: {} } : null;
}

export function parseAuthenticationResponse(input: unknown): AuthenticationResponseJSON | null {
  const parsed = authenticationSchema.safeParse(typeof input === "string" ? parseJson(input) : input);
  return parsed.success ? { ...parsed.data, clientExtensionResults: {} } : null;
}

/** Known AuthenticatorTransport values only, comma-separated for Passkey.transports. */
export function toTransportList(transports: readonly string[] | undefined): string {
  return (transports ?? []).filter((t): t is (typeof TRANSPORTS)[number] => (TRANSPORTS as readonly string[]).includes(t)).join(",");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
