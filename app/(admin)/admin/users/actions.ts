"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { inviteUserSchema } from "@/lib/admin/invitation-schemas";
import { inviteUser, InviteUserError } from "@/lib/admin/invite-user";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { requireRole } from "@/lib/auth/require-role";

const FIELDS = ["name", "email", "role"] as const;
type Field = (typeof FIELDS)[number];

export type InviteState = {
  fieldErrors: Partial<Record<Field, "name" | "email" | "role" | "emailTaken">>;
  /** The address invited, when it worked; `reinvited` when a pending invitation was replaced. */
  sent: { email: string; reinvited: boolean } | null;
  values: { name: string; email: string; role: string };
};

/** Admin only: invites a staff member (see lib/admin/invite-user.ts). Errors are catalogue keys. */
export async function inviteUserAction(_previous: InviteState, formData: FormData): Promise<InviteState> {
  const actor = await requireRole(["admin"], "/admin/users");
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? ""), role: String(formData.get("role") ?? "") };
  const parsed = inviteUserSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: InviteState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = FIELDS.find((name) => name === issue.path[0]);
      if (field) fieldErrors[field] ??= field;
    }
    return { fieldErrors, sent: null, values };
  }
  try {
    const { reinvited } = await inviteUser(actor, parsed.data, { sourceIp: getClientIp(await headers()) });
    revalidatePath("/admin/users");
    // The form starts empty again for the next person.
    return { fieldErrors: {}, sent: { email: parsed.data.email, reinvited }, values: { name: "", email: "", role: parsed.data.role } };
  } catch (error) {
    if (error instanceof InviteUserError) return { fieldErrors: { email: "emailTaken" }, sent: null, values };
    throw error;
  }
}
