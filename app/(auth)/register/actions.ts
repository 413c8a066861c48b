"use server";

import { ADDRESS_PROOF_COOKIE } from "@/lib/auth/access-cookies";
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { readAddressProof } from "@/lib/auth/read-address-proof";
import { clearAccessCookie, readAccessRequest, rememberDevice } from "@/lib/auth/request-context";
import { registerRecipient, type RegisterResult } from "@/lib/portal/access/register-recipient";

export type RegisterState = { error: Extract<RegisterResult, { ok: false }>["error"] | null; name: string };

/**
 * Creates the recipient account for the address the portal link proved (the proof cookie, never a form field:
 * the address cannot be chosen), signs the person in and opens the message.
 */
export async function registerAction(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const input = {
    name: String(formData.get("name") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirm: String(formData.get("confirm") ?? ""),
  };
  const request = await readAccessRequest();
  const result = await registerRecipient(await readAddressProof(request.addressProof), input, request);
  if (!result.ok) return { error: result.error, name: input.name };
  await rememberDevice(result.deviceSecret, request.secure);
  await clearAccessCookie(ADDRESS_PROOF_COOKIE);
  return completeSignIn(result.grant, `/inbox/${result.recipientId}`);
}
