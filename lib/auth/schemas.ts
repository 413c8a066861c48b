import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

// Input shapes for sign-in and first-admin setup. Shared by the server actions and the lib functions, which
// parse again because they are also called from the CLI and tests.

const email = z.string().trim().toLowerCase().pipe(z.email({ error: "email" }));

export const signInSchema = z.object({
  email,
  // No minimum here: a wrong password is a failed sign-in, not a validation message.
  password: z.string().min(1, { error: "password" }).max(MAX_PASSWORD_LENGTH, { error: "password" }),
});

export const adminSetupSchema = z
  .object({
    name: z.string().trim().min(1, { error: "name" }).max(200, { error: "name" }),
    email,
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, { error: "passwordTooShort" })
      .max(MAX_PASSWORD_LENGTH, { error: "passwordTooLong" }),
    confirm: z.string(),
  })
  .refine((input) => input.password === input.confirm, { error: "passwordMismatch", path: ["confirm"] });
