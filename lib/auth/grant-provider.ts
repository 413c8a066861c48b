import Credentials from "next-auth/providers/credentials";
import { redeemSignInGrant } from "@/lib/auth/sign-in-grant";

/** Auth.js provider "grant": turns a sign-in grant from lib/auth/sign-in-grant.ts into a session. */
export const grantProvider = Credentials({
  id: "grant",
  credentials: { grant: {} },
  authorize: (credentials) => redeemSignInGrant(credentials.grant),
});
