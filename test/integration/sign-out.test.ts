import type { Session } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { addSessionClaims, SESSION_ABSOLUTE_SECONDS, updateSessionToken } from "@/lib/auth/auth.config";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { getSignedInActor } from "@/lib/auth/get-signed-in-actor";
import { loadSessionUser } from "@/lib/auth/load-session-user";
import { readSessionClaims, type SessionClaims } from "@/lib/auth/read-session-claims";
import { revokeSession } from "@/lib/auth/revoke-session";
import { getDb } from "@/lib/db";

// The session cookie's round trip as Auth.js runs it, minus Next's request scope: sign-in stamps the token
// (jwt callback with the provider's user), the cookie is the encrypted JWT, and every later read (a page, or
// proxy.ts re-issuing it) decodes it, runs the jwt callback again and maps it through the session callback
// (addSessionClaims) into what lib/auth/require-role.ts's getCurrentActor passes to getSignedInActor.

const SECRET = process.env.AUTH_SECRET ?? "";
const COOKIE = "authjs.session-token";

async function signIn(userId: string): Promise<string> {
  const user = await loadSessionUser(userId);
  if (!user) throw new Error("user cannot sign in");
  const token = updateSessionToken({ name: user.name, email: user.email }, user);
  if (!token) throw new Error("no token at sign-in");
  return encode({ token, secret: SECRET, salt: COOKIE });
}

/** One request with the cookie: the session the gate sees and the cookie Auth.js sends back (re-issued). */
async function readCookie(cookie: string): Promise<{ claims: SessionClaims | null; reissued: string }> {
  const decoded = await decode({ token: cookie, secret: SECRET, salt: COOKIE });
  const token = decoded ? updateSessionToken(decoded, undefined) : null;
  if (!token) throw new Error("cookie no longer decodes to a live token");
  const base: Session = { user: { name: token.name, email: token.email ?? "" }, expires: new Date(Date.now() + 60_000).toISOString() };
  return { claims: readSessionClaims(addSessionClaims(base, token)), reissued: await encode({ token, secret: SECRET, salt: COOKIE }) };
}

async function createUser(email: string) {
  return getDb().user.create({ data: { email, name: "Sam", role: "sender" } });
}

describe("signing out", () => {
  it("refuses the revoked session id everywhere, even in a cookie re-issued after the sign-out", async () => {
    const user = await createUser("sam@example.org");
    const cookie = await signIn(user.id);
    const { claims, reissued } = await readCookie(cookie);
    expect(claims).toMatchObject({ userId: user.id, sessionVersion: 0, sid: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    expect(await getSignedInActor(claims!)).toMatchObject({ id: user.id, role: "sender" });

    const before = Date.now();
    await revokeSession({ userId: user.id, sid: claims!.sid! }, { sourceIp: "192.0.2.44" });

    // The cookie, and the one a racing prefetch re-issued, still decode to valid tokens for an active user with
    // the current session version: only the revoked session id refuses them.
    for (const stale of [cookie, reissued]) {
      const read = await readCookie(stale);
      expect(read.claims?.sid).toBe(claims!.sid);
      expect(await getSessionActor(user.id, read.claims!.sessionVersion)).toMatchObject({ id: user.id });
      expect(await getSignedInActor(read.claims!)).toBeNull();
    }

    const row = await getDb().revokedSession.findUniqueOrThrow({ where: { sid: claims!.sid! } });
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_ABSOLUTE_SECONDS * 1000);
    const events = await getDb().auditEvent.findMany({ where: { type: "user.signed_out", actorId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "user", outcome: "success", sourceIp: "192.0.2.44" });
    expect(events[0]?.data).not.toContain(claims!.sid!);
  });

  it("gives the next sign-in a new session id that works while the old one stays refused", async () => {
    const user = await createUser("again@example.org");
    const first = (await readCookie(await signIn(user.id))).claims!;
    await revokeSession({ userId: user.id, sid: first.sid! }, { sourceIp: null });
    // Signing out twice (two tabs with the same cookie) is not an error.
    await revokeSession({ userId: user.id, sid: first.sid! }, { sourceIp: null });

    const second = (await readCookie(await signIn(user.id))).claims!;
    expect(second.sid).not.toBe(first.sid);
    expect(await getSignedInActor(second)).toMatchObject({ id: user.id });
    expect(await getSignedInActor(first)).toBeNull();
  });

  it("refuses sessions without an id, which could never be revoked", async () => {
    const user = await createUser("legacy@example.org");
    expect(await getSignedInActor({ userId: user.id, sessionVersion: 0, sid: null })).toBeNull();
  });

  it("purges revocations past the session's absolute limit when someone signs out", async () => {
    const user = await createUser("purge@example.org");
    const now = new Date();
    await getDb().revokedSession.createMany({
      data: [
        { sid: "expired-session-id", expiresAt: new Date(now.getTime() - 1000) },
        { sid: "live-session-id", expiresAt: new Date(now.getTime() + 60_000) },
      ],
    });
    await revokeSession({ userId: user.id, sid: "new-session-id" }, { sourceIp: null }, now);
    const left = await getDb().revokedSession.findMany({ where: { sid: { in: ["expired-session-id", "live-session-id", "new-session-id"] } } });
    expect(left.map((row) => row.sid).sort()).toEqual(["live-session-id", "new-session-id"]);
  });
});
