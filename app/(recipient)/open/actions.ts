"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { ADDRESS_PROOF_COOKIE, ADDRESS_PROOF_TTL_MS } from "@/lib/auth/access-cookies";
import { getCurrentActor } from "@/lib/auth/require-role";
import { readAccessRequest, setAccessCookie } from "@/lib/auth/request-context";
import { openLink } from "@/lib/portal/access/open-link";
import { requestNewLink } from "@/lib/portal/access/request-new-link";

// Public endpoints: the token is the only input and is parsed here; what it grants is decided in lib/.
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * "Open the message": the human step after the scanner-safe landing page. Every next step is a token-free URL;
 * the link's proof travels in an HttpOnly cookie and the link is used up only when that step completes.
 */
export async function openLinkAction(token: string): Promise<void> {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) redirect("/open");
  const request = await readAccessRequest();
  const outcome = await openLink(parsed.data, { actor: await getCurrentActor(), sourceIp: request.sourceIp, userAgent: request.userAgent });
  if (outcome.next === "refused") redirect(`/open/${parsed.data}`);
  if (outcome.next === "inbox") redirect(`/inbox/${outcome.recipientId}`);
  await setAccessCookie(ADDRESS_PROOF_COOKIE, outcome.proof, ADDRESS_PROOF_TTL_MS, request.secure);
  if (outcome.next === "sign-in") redirect(`/signin?callbackUrl=${encodeURIComponent(`/inbox/${outcome.recipientId}`)}`);
  redirect(outcome.next === "register" ? "/register" : "/open");
}

export type NewLinkState = { sent: boolean };

/** "Send me a new link" on the expired-link page: always the same answer (lib/portal/access/request-new-link.ts). */
export async function requestNewLinkAction(token: string, _previous: NewLinkState): Promise<NewLinkState> {
  const parsed = tokenSchema.safeParse(token);
  if (parsed.success) await requestNewLink(parsed.data, { sourceIp: (await readAccessRequest()).sourceIp });
  return { sent: true };
}
