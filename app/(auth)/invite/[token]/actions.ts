"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AcceptInvitationError, acceptInvitation } from "@/lib/admin/accept-invitation";
import { getClientIp } from "@/lib/auth/get-client-ip";

const HOME_BY_ROLE: Record<string, string> = { sender: "/sent", admin: "/admin/users", compliance: "/" };

export type AcceptInvitationState = {
  /** A catalogue key under users.errors, or "invalid-token" for a link that can no longer be used. */
  error: string | null;
  name: string;
};

/** Public endpoint: the token in the bound argument is the only credential; the lib function checks it. */
export async function acceptInvitationAction(token: string, _previous: AcceptInvitationState, formData: FormData): Promise<AcceptInvitationState> {
  const input = {
    name: String(formData.get("name") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirm: String(formData.get("confirm") ?? ""),
  };
  let role: string;
  try {
    ({ role } = await acceptInvitation(token, input, { sourceIp: getClientIp(await headers()) }));
  } catch (error) {
    if (error instanceof AcceptInvitationError) return { error: error.code, name: input.name };
    throw error;
  }
  // The token leaves the URL here; after signing in the person lands where their role works.
  redirect(`/signin?callbackUrl=${encodeURIComponent(HOME_BY_ROLE[role] ?? "/")}`);
}
