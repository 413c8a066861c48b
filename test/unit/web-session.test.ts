import { describe, expect, it } from "vitest";
import {
  createAuthConfig,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
  sessionIdOf,
  sessionUserFields,
  updateSessionToken,
} from "@/lib/auth/auth.config";
import { toLocalPath } from "@/lib/auth/to-local-path";

describe("toLocalPath", () => {
  it("keeps same-site paths and replaces everything else with /", () => {
    expect(toLocalPath("/admin/mailbox?x=1")).toBe("/admin/mailbox?x=1");
    expect(toLocalPath("/")).toBe("/");
    for (const unsafe of ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "admin", "", null, undefined, 42]) {
      expect(toLocalPath(unsafe)).toBe("/");
    }
  });
});

describe("session settings", () => {
  const now = 1_800_000_000;

  it("uses 30-minute JWT sessions, AUTH_SECRET from the config and trusts the host header", () => {
    const config = createAuthConfig();
    expect(config.session).toEqual({ strategy: "jwt", maxAge: SESSION_IDLE_SECONDS });
    expect(SESSION_IDLE_SECONDS).toBe(30 * 60);
    expect(config.secret).toBe(process.env.AUTH_SECRET);
    expect(config.trustHost).toBe(true);
  });

  it("puts the user id and role into the token at sign-in and the session", () => {
    const user = { id: "u1", email: "a@example.org", name: "A", role: "admin" };
    const token = updateSessionToken({ email: "a@example.org" }, user, now);
    expect(token).toEqual({ email: "a@example.org", sub: "u1", role: "admin", signedInAt: now, sid: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    expect(sessionUserFields(token!)).toEqual({ id: "u1", role: "admin" });
    expect(sessionUserFields({ sub: "u2", role: "superuser" })).toEqual({ id: "u2", role: null });
  });

  it("gives every sign-in a new 128-bit session id and keeps it through re-issues", () => {
    const user = { id: "u1", email: "a@example.org", name: "A", role: "admin" };
    const first = updateSessionToken({}, user, now)!;
    const second = updateSessionToken(first, user, now)!;
    expect(Buffer.from(sessionIdOf(first)!, "base64url")).toHaveLength(16);
    expect(sessionIdOf(second)).not.toBe(sessionIdOf(first));
    expect(sessionIdOf(updateSessionToken(first, undefined, now + 60)!)).toBe(sessionIdOf(first));
    expect(sessionIdOf({ sub: "u1" })).toBeNull();
  });

  it("ends a session 12 hours after sign-in however active it was", () => {
    const fresh = { sub: "u1", role: "admin", signedInAt: now - SESSION_ABSOLUTE_SECONDS + 60 };
    const stale = { ...fresh, signedInAt: now - SESSION_ABSOLUTE_SECONDS - 60 };
    expect(updateSessionToken(fresh, undefined, now)).toEqual(fresh);
    expect(updateSessionToken(stale, undefined, now)).toBeNull();
    expect(updateSessionToken({ sub: "u1" }, undefined, now)).toBeNull();
  });
});
