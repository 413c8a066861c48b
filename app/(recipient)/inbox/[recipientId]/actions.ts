"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { getRouteActor } from "@/lib/auth/require-role";
import { AccessDeniedError } from "@/lib/auth/roles";
import { recordFirstView } from "@/lib/portal/read/record-first-view";
import { RecipientAccessBlockedError, requireRecipientAccess } from "@/lib/portal/require-message-access";

const recipientIdSchema = z.string().min(1).max(64);

/** The read page's view beacon (record-view.tsx): the first view by the rightful recipient starts the receipt. */
export async function recordViewAction(recipientId: unknown): Promise<void> {
  const parsed = recipientIdSchema.safeParse(recipientId);
  const actor = await getRouteActor();
  if (!parsed.success || !actor) return;
  const headerList = await headers();
  const sourceIp = getClientIp(headerList);
  try {
    const access = await requireRecipientAccess(actor, parsed.data, { sourceIp });
    await recordFirstView(actor, access, { sourceIp, userAgent: headerList.get("user-agent") });
  } catch (error) {
    // Denials are already audited by the gate; a blocked message simply is not being read.
    if (error instanceof AccessDeniedError || error instanceof RecipientAccessBlockedError) return;
    throw error;
  }
}
