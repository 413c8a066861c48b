"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { readAccessRequest } from "@/lib/auth/request-context";
import { MFA_SETUP_PATH, requireStaffForMfaSetup } from "@/lib/auth/require-role";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { confirmTotpEnrolment } from "@/lib/auth/totp/confirm-totp-enrolment";
import { disableTotp } from "@/lib/auth/totp/disable-totp";
import { startTotpEnrolment } from "@/lib/auth/totp/start-totp-enrolment";

// The staff member's own TOTP setup on /account/mfa. Each action gates itself without the required-MFA
// redirect (these are how the requirement is met) and parses its own input; codes are never echoed back.

const codeSchema = z.string().max(20);

/** Where to go after the setup: the page the requirement interrupted, if any. */
function nextPath(formData: FormData): string | null {
  const next = formData.get("next");
  return typeof next === "string" && next !== "" ? toLocalPath(next) : null;
}

function setupPath(next: string | null, done?: "on" | "off"): string {
  const query = new URLSearchParams({ ...(next ? { next } : {}), ...(done ? { done } : {}) }).toString();
  return query ? `${MFA_SETUP_PATH}?${query}` : MFA_SETUP_PATH;
}

/** "Set up" and "Start again": a new secret, pending until confirmed; the page then shows it. */
export async function startTotpSetupAction(formData: FormData): Promise<void> {
  const actor = await requireStaffForMfaSetup(MFA_SETUP_PATH);
  await startTotpEnrolment(actor);
  redirect(setupPath(nextPath(formData)));
}

export type TotpCodeState = { error: null | "wrong-code" | "no-setup" | "replayed" | "throttled"; retryAfterMs?: number };

/** The first code from the app turns TOTP on; then on to the interrupted page, or back here to say so. */
export async function confirmTotpSetupAction(_previous: TotpCodeState, formData: FormData): Promise<TotpCodeState> {
  const actor = await requireStaffForMfaSetup(MFA_SETUP_PATH);
  const code = codeSchema.catch("").parse(formData.get("code"));
  const result = await confirmTotpEnrolment(actor, code, { sourceIp: (await readAccessRequest()).sourceIp });
  if (!result.ok) return { error: result.error };
  const next = nextPath(formData);
  redirect(next ?? setupPath(null, "on"));
}

/** Turning TOTP off takes a current code (checked, limited and audited like sign-in). */
export async function disableTotpAction(_previous: TotpCodeState, formData: FormData): Promise<TotpCodeState> {
  const actor = await requireStaffForMfaSetup(MFA_SETUP_PATH);
  const code = codeSchema.catch("").parse(formData.get("code"));
  const result = await disableTotp(actor, code, { sourceIp: (await readAccessRequest()).sourceIp });
  if (!result.ok) {
    if (result.reason === "not-enrolled") return { error: "no-setup" };
    return { error: result.retryAfterMs > 0 ? "throttled" : result.reason, retryAfterMs: result.retryAfterMs };
  }
  redirect(setupPath(null, "off"));
}
