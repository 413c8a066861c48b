import NextAuth from "next-auth";
import { createAuthConfig } from "@/lib/auth/auth.config";

// Not an access check (every page and action gates itself). It reads the session on each page request, which
// makes Auth.js re-issue the session cookie with a fresh expiry: this is what turns the 30-minute session
// lifetime into an idle timeout. Uses the provider-free config, so no database or argon2 is loaded here.
const { auth } = NextAuth(() => createAuthConfig());

export default auth;

export const config = {
  // Pages only: API routes, static files and Auth.js's own endpoints manage their own responses.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
