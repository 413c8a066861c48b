import { randomBytes } from "node:crypto";
import type { NextAuthConfig, Session, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { isRole, type Role } from "@/lib/auth/roles";
import { ConfigError, getConfig } from "@/lib/config";

// Sessions are stateless JWTs (encrypted with AUTH_SECRET) with two limits:
// - idle: a session unused for 30 minutes ends. Auth.js re-issues the cookie with a fresh expiry whenever the
//   session is read in a context that can set cookies; proxy.ts does that on every page request except
//   prefetches, so activity keeps the session alive. (`updateAge` only applies to database sessions.)
// - absolute: 12 hours after sign-in the session ends regardless of activity (checked in the jwt callback).
// Role and deactivation are re-read from the database on every gated request (lib/auth/get-actor.ts), so the
// role in the token is a hint for display only. The token also carries the user's `sessionVersion` from sign-in;
// "sign out everywhere" and password changes bump the stored value, and gates refuse older tokens
// (lib/auth/get-session-actor.ts). Each session also gets a random id (`sid`) at sign-in, kept through every
// re-issue: signing out revokes that id (lib/auth/revoke-session.ts), so a cookie re-issued by a request that
// raced the sign-out is still refused (lib/auth/get-signed-in-actor.ts).
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/**
 * The Auth.js settings shared by the route handlers and proxy.ts. Providers are added in lib/auth/auth.ts so the
 * proxy never loads the database or argon2. Built per request so AUTH_SECRET is read at run time, not at build.
 */
export function createAuthConfig(): NextAuthConfig {
  const secret = getConfig().AUTH_SECRET;
  // Without a secret every sign-in would fail with a vague error; say what is missing instead.
  if (!secret) throw new ConfigError("AUTH_SECRET", "not set; `sealpost start` and `sealpost web` generate one in the data directory");
  return {
    secret,
    // Behind a reverse proxy or on localhost the request's own Host header is the public origin.
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [],
    logger: {
      // A wrong password is an expected outcome, already audited as user.sign_in_failed: no stack trace for it.
      // (Matched by Auth.js's error type: importing next-auth's runtime here would break tests outside Next.)
      error(error) {
        if (!("type" in error && error.type === "CredentialsSignin")) console.error("[auth]", error);
      },
    },
    callbacks: {
      jwt: ({ token, user }) => updateSessionToken(token, user),
      session: ({ session, token }) => addSessionClaims(session, token),
    },
  };
}

/**
 * The jwt callback: at sign-in (`user` present) stamps the user id, role, sign-in time and a new random session
 * id into the token; on later reads keeps them as they are and ends the session (null makes Auth.js clear the
 * cookie) once the absolute limit has passed.
 */
export function updateSessionToken(token: JWT, user: User | undefined, now = Math.floor(Date.now() / 1000)): JWT | null {
  if (user) {
    const role = "role" in user && isRole(user.role) ? user.role : null;
    const sessionVersion = "sessionVersion" in user && typeof user.sessionVersion === "number" ? { sessionVersion: user.sessionVersion } : {};
    return { ...token, sub: user.id, role, signedInAt: now, sid: newSessionId(), ...sessionVersion };
  }
  const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
  return now - signedInAt > SESSION_ABSOLUTE_SECONDS ? null : token;
}

type SessionUserClaims = { id: string; role: Role | null; sessionVersion: number; sid: string | null };

/**
 * The session callback: what `auth()` callers see of the token besides name and email. The gates read it back
 * with lib/auth/read-session-claims.ts.
 */
export function addSessionClaims(session: Session, token: JWT): Session & { user: User & SessionUserClaims } {
  return {
    ...session,
    user: { ...session.user, ...sessionUserFields(token), sessionVersion: sessionVersionOf(token), sid: sessionIdOf(token) },
  };
}

/** The user id and role hint from the token. */
export function sessionUserFields(token: JWT): { id: string; role: Role | null } {
  return { id: token.sub ?? "", role: isRole(token.role) ? token.role : null };
}

/** The session version stamped at sign-in; tokens from before versions existed count as version 0. */
function sessionVersionOf(token: JWT): number {
  return typeof token.sessionVersion === "number" ? token.sessionVersion : 0;
}

/** The session id stamped at sign-in, or null for tokens from before session ids existed. */
export function sessionIdOf(token: JWT): string | null {
  return typeof token.sid === "string" && token.sid !== "" ? token.sid : null;
}

/** 128 random bits, like every token here: ids never collide (a collision would sign a stranger out) and cannot be guessed. */
function newSessionId(): string {
  return randomBytes(16).toString("base64url");
}
