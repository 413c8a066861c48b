"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { BreakGlassError, grantBreakGlass } from "@/lib/compliance/grant-break-glass";

export type BreakGlassState = {
  /** A catalogue key (Messages["compliance"]["breakGlass"]["errors"]), or "denied" when access was refused. */
  error: BreakGlassError["code"] | "denied" | null;
  justification: string;
};

/**
 * Compliance only: grants break-glass access to a message's content on a written justification (the lib
 * function checks the organisation setting, audits the grant and queues the admins' notices).
 */
export async function grantBreakGlassAction(_previous: BreakGlassState, formData: FormData): Promise<BreakGlassState> {
  const messageId = String(formData.get("messageId") ?? "");
  const justification = String(formData.get("justification") ?? "");
  const actor = await requireRole(["compliance"], `/compliance/messages/${encodeURIComponent(messageId)}`);
  try {
    await grantBreakGlass(actor, { messageId, justification }, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof BreakGlassError) return { error: error.code, justification };
    if (error instanceof AccessDeniedError) return { error: "denied", justification };
    throw error;
  }
  revalidatePath(`/compliance/messages/${messageId}`);
  return { error: null, justification: "" };
}
