import { signIn } from "@/lib/auth/auth";
import { toLocalPath } from "@/lib/auth/to-local-path";

/**
 * Turns a grant from a fully checked sign-in into the Auth.js session cookie and redirects to `redirectTo`
 * (a local path). Server actions only; like every Next redirect it throws, so call it last.
 */
export async function completeSignIn(grant: string, redirectTo: string): Promise<never> {
  await signIn("grant", { grant, redirectTo: toLocalPath(redirectTo) });
  // signIn redirects (throws); reaching here means Auth.js refused the grant.
  throw new Error("The sign-in could not be completed.");
}
