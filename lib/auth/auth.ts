import NextAuth from "next-auth";
import { createAuthConfig } from "@/lib/auth/auth.config";
import { grantProvider } from "@/lib/auth/grant-provider";
import { passkeyProvider } from "@/lib/auth/passkey-provider";

// The only module that builds the Auth.js runtime with providers. Pages and actions use the gates in
// lib/auth/require-role.ts and the actions in app/(auth)/actions.ts rather than calling these directly.
//
// Providers: every one returns lib/auth/load-session-user.ts's SessionUser (so the JWT carries sessionVersion).
// - "grant": sign-ins that lib/auth has already checked in full (password + throttling + device, registration,
//   password reset); see lib/auth/sign-in-grant.ts. There is deliberately no plain password provider: its
//   public callback would skip the throttle and the new-device check.
// - "passkey": WebAuthn assertions (lib/auth/passkey-provider.ts). Add further providers to this list.
const providers = [grantProvider, passkeyProvider];

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...createAuthConfig(),
  providers,
}));
