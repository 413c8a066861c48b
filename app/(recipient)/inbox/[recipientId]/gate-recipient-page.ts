import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireUser } from "@/lib/auth/require-role";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import {
  RecipientAccessBlockedError,
  requireRecipientAccess,
  type RecipientAccess,
} from "@/lib/portal/require-message-access";

export type GatedPage = { actor: Actor; access: RecipientAccess } | { actor: Actor; blocked: RecipientAccessBlockedError };

/**
 * The read and print pages' gate: signed-out visitors go to sign-in and come back; anyone but the rightful
 * recipient gets the not-found page (audited by the gate); a pending passphrase goes to the passphrase page;
 * revoked and expired come back as `blocked` so the page can say so in plain words.
 */
export async function gateRecipientPage(recipientId: string, path: string): Promise<GatedPage> {
  const actor = await requireUser(path);
  let result: GatedPage;
  try {
    result = { actor, access: await requireRecipientAccess(actor, recipientId, { sourceIp: getClientIp(await headers()) }) };
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    if (!(error instanceof RecipientAccessBlockedError)) throw error;
    result = { actor, blocked: error };
  }
  // redirect() works by throwing, so it stays outside the try above.
  if ("blocked" in result && result.blocked.state === "passphrase-required") redirect(`/inbox/${recipientId}/passphrase`);
  return result;
}
