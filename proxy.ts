import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { createAuthConfig } from "@/lib/auth/auth.config";

// Not an access check (every page and action gates itself). It reads the session on each page request, which
// makes Auth.js re-issue the session cookie with a fresh expiry: this is what turns the 30-minute session
// lifetime into an idle timeout. Uses the provider-free config, so no database or argon2 is loaded here.
const { auth } = NextAuth(() => createAuthConfig());

// Called with (request, event), `auth` is Auth.js's own middleware (the documented `export { auth as default }`
// form): it reads the session and sets the refreshed cookie. Its types list only the wrapper form
// `auth(handler)`, which with a lazy config returns a promise rather than a middleware, hence the cast.
const refreshSession = auth as unknown as NextMiddleware;

/**
 * Prefetches are the browser or Next's router fetching pages nobody asked for yet, so they are not activity,
 * and they are what is still in flight when someone clicks "Sign out": their responses would bring the cookie
 * back. So they pass without touching the cookie. Navigations (including client-side ones, which send `RSC`)
 * still re-issue it; a re-issue that races a sign-out carries the revoked session id and every gate refuses it
 * (lib/auth/get-signed-in-actor.ts), which is the real protection.
 */
function isPrefetch(headers: Headers): boolean {
  return (
    headers.has("next-router-prefetch") ||
    headers.has("next-router-segment-prefetch") ||
    headers.get("sec-purpose")?.includes("prefetch") === true ||
    headers.get("purpose") === "prefetch"
  );
}

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  if (isPrefetch(request.headers)) return NextResponse.next();
  return refreshSession(request, event);
}

export const config = {
  // Pages only: API routes, static files and Auth.js's own endpoints manage their own responses.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
