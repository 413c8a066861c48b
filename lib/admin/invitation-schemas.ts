import { z } from "zod";

// Input shapes for inviting a staff member and for accepting an invitation. Messages are catalogue keys
// (lib/i18n/areas/users.ts); the lib functions parse again because tests and the CLI call them directly.

export const INVITABLE_ROLES = ["sender", "compliance", "admin"] as const;

const name = z.string().trim().min(1, { error: "name" }).max(200, { error: "name" });

export const inviteUserSchema = z.object({
  name,
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "email" })).pipe(z.string().max(320, { error: "email" })),
  role: z.enum(INVITABLE_ROLES, { error: "role" }),
});

export type InviteUserInput = z.infer<typeof inviteUserSchema>;

// Length and strength rules are lib/auth/check-new-password.ts's decision; here only the shape.
export const acceptInvitationSchema = z.object({
  name,
  password: z.string().max(1_000, { error: "passwordTooLong" }),
  confirm: z.string().max(1_000, { error: "passwordMismatch" }),
});
