import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { createAuthConfig } from "@/lib/auth/auth.config";
import { getClientIp } from "@/lib/auth/get-client-ip";
import { verifyCredentials } from "@/lib/auth/verify-credentials";

// The only module that builds the Auth.js runtime with providers. Pages and actions use the gates in
// lib/auth/require-role.ts and the actions in app/(auth)/actions.ts rather than calling these directly.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...createAuthConfig(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: (credentials, request) => verifyCredentials(credentials, getClientIp(request.headers)),
    }),
  ],
}));
