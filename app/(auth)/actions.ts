"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AdminSetupError, completeAdminSetup } from "@/lib/auth/admin-setup";
import { signIn, signOut } from "@/lib/auth/auth";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { toLocalPath } from "@/lib/auth/to-local-path";
import { adminSetupSchema, signInSchema } from "@/lib/auth/schemas";

// Every action here is a public endpoint: it parses its own input and never echoes a password back.

export type SignInState = { error: "failed" | "invalid" | null; email: string };

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: formData.get("password") });
  if (!parsed.success) return { error: "invalid", email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: toLocalPath(formData.get("callbackUrl")),
    });
  } catch (error) {
    // A failed sign-in is an AuthError (CredentialsSignin); success throws Next's redirect, which must propagate.
    if (error instanceof AuthError) return { error: "failed", email };
    throw error;
  }
  return { error: null, email };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

const ADMIN_SETUP_FIELDS = ["name", "email", "password", "confirm"] as const;
export type AdminSetupField = (typeof ADMIN_SETUP_FIELDS)[number];

export type AdminSetupState = {
  fieldErrors: Partial<Record<AdminSetupField, string>>;
  formError: "invalid-token" | "admin-exists" | null;
  values: { name: string; email: string };
};

export async function adminSetupAction(token: string, _previous: AdminSetupState, formData: FormData): Promise<AdminSetupState> {
  const input = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirm: String(formData.get("confirm") ?? ""),
  };
  const values = { name: input.name, email: input.email };
  const parsed = adminSetupSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: AdminSetupState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = ADMIN_SETUP_FIELDS.find((name) => name === issue.path[0]);
      if (field) fieldErrors[field] ??= issue.message;
    }
    return { fieldErrors, formError: null, values };
  }
  try {
    await completeAdminSetup(token, parsed.data, { sourceIp: getClientIp(await headers()) });
  } catch (error) {
    if (!(error instanceof AdminSetupError)) throw error;
    if (error.code === "email-taken") return { fieldErrors: { email: "emailTaken" }, formError: null, values };
    if (error.code === "admin-exists") return { fieldErrors: {}, formError: "admin-exists", values };
    return { fieldErrors: {}, formError: "invalid-token", values };
  }
  redirect("/signin?setup=done");
}
