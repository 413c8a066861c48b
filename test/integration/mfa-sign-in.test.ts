import { Secret, TOTP } from "otpauth";
import { describe, expect, it, vi } from "vitest";

// The TOTP step inside the sign-in paths (password with a known or new browser, password reset), the grant
// provider's fail-closed check, and the required-MFA rule behind requireUser/requireRole.
vi.hoisted(() => {
  process.env.TRANSPORT_MAP = "org.example=127.0.0.1:1";
  process.env.DEV_MAILBOX = "on";
  process.env.CONNECT_TIMEOUT = "2s";
});

import { attemptPasswordSignIn, type SignInContext } from "@/lib/auth/attempt-password-sign-in";
import { changePassword } from "@/lib/auth/change-password";
import { hashPassword } from "@/lib/auth/passwords";
import { recordKnownDevice } from "@/lib/auth/record-known-device";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { resetPassword } from "@/lib/auth/reset-password";
import type { Actor, Role } from "@/lib/auth/roles";
import { runAccountEmailJob } from "@/lib/auth/run-account-email-job";
import { createSignInGrant, redeemSignInGrant } from "@/lib/auth/sign-in-grant";
import { confirmTotpEnrolment } from "@/lib/auth/totp/confirm-totp-enrolment";
import { actorNeedsMfaSetup, needsMfaSetup } from "@/lib/auth/totp/needs-mfa-setup";
import { readPendingMfa } from "@/lib/auth/totp/pending-mfa";
import { startTotpEnrolment } from "@/lib/auth/totp/start-totp-enrolment";
import { openTotpSecret } from "@/lib/auth/totp/totp-secret";
import { verifyTotpSignIn } from "@/lib/auth/totp/verify-totp-sign-in";
import { verifyDeviceCode } from "@/lib/auth/verify-device-code";
import { getDb } from "@/lib/db";
import { getKeyRing } from "@/lib/escrow/key-ring";
import { claimJobs } from "@/lib/queue/claim-jobs";
import { setOrgSettings } from "@/lib/settings/org-settings";

const PASSWORD = "violet tram parsnip harbour";
const NEW_PASSWORD = "copper kettle meadow lantern";
const ctx = (overrides: Partial<SignInContext> = {}): SignInContext => ({
  sourceIp: "192.0.2.20",
  userAgent: "vitest",
  deviceSecrets: [],
  addressProof: null,
  ...overrides,
});

let counter = 0;
async function createUser(role: Role): Promise<Actor> {
  counter += 1;
  const email = `person${counter}@org.example`;
  const user = await getDb().user.create({ data: { email, name: `Person ${counter}`, role, passwordHash: await hashPassword(PASSWORD) } });
  return { id: user.id, email, name: user.name, role };
}

/** Enrols `actor` now and returns a function giving the app's current code (or the next step's). */
async function enrol(actor: Actor): Promise<(stepsAhead?: number) => string> {
  await startTotpEnrolment(actor);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: actor.id } });
  const secret = Secret.fromBase32(openTotpSecret(getKeyRing(), user)!);
  const code = (stepsAhead = 0) => TOTP.generate({ secret, timestamp: Date.now() + stepsAhead * 30_000 });
  expect(await confirmTotpEnrolment(actor, code(-1), { sourceIp: null })).toEqual({ ok: true });
  return code;
}

async function knownDevice(userId: string): Promise<string> {
  return getDb().$transaction((tx) => recordKnownDevice(tx, userId, "vitest"));
}

async function auditFor(userId: string) {
  const rows = await getDb().auditEvent.findMany({ where: { actorId: userId }, orderBy: { seq: "asc" } });
  return rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) as Record<string, unknown> }));
}

async function mailedCode(to: string): Promise<string> {
  for (const job of await claimJobs("test-worker", 50, 60_000)) {
    if (job.kind === "account-email") await runAccountEmailJob(job);
  }
  const mail = await getDb().devMailboxMessage.findFirst({ where: { envelopeTo: to }, orderBy: { createdAt: "desc" } });
  const code = /\b(\d{6})\b/.exec(mail?.text ?? "")?.[1];
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}

describe("password sign-in with TOTP on", () => {
  it("a known browser gets the TOTP step instead of a session; signed_in is recorded only after the code", async () => {
    const actor = await createUser("sender");
    const code = await enrol(actor);
    const deviceSecret = await knownDevice(actor.id);
    const result = await attemptPasswordSignIn({ email: actor.email, password: PASSWORD }, ctx({ deviceSecrets: [deviceSecret] }));
    if (result.kind !== "totp") throw new Error(`expected the TOTP step, got ${result.kind}`);
    expect(result.deviceSecret).toBeNull();
    expect(readPendingMfa(result.pendingMfa)).toEqual({ userId: actor.id, via: "password", device: "known" });
    expect((await auditFor(actor.id)).map((e) => e.type)).not.toContain("user.signed_in");

    const verified = await verifyTotpSignIn(result.pendingMfa, code(1), { sourceIp: "192.0.2.20" });
    if (verified.kind !== "verified") throw new Error(`expected verified, got ${verified.kind}`);
    expect(await redeemSignInGrant(verified.grant)).toMatchObject({ id: actor.id });
    expect((await auditFor(actor.id)).filter((e) => e.type === "user.signed_in").map((e) => e.data)).toEqual([
      { via: "password", device: "known", secondFactor: "totp" },
    ]);
  });

  it("a new browser proves the mailbox first, then the authenticator", async () => {
    const actor = await createUser("compliance");
    const code = await enrol(actor);
    const first = await attemptPasswordSignIn({ email: actor.email, password: PASSWORD }, ctx());
    if (first.kind !== "device-code") throw new Error(`expected a device code, got ${first.kind}`);
    const device = await verifyDeviceCode(first.pendingSignIn, await mailedCode(actor.email), { sourceIp: "192.0.2.20", userAgent: "vitest" });
    if (device.kind !== "totp") throw new Error(`expected the TOTP step, got ${device.kind}`);
    expect(device.deviceSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readPendingMfa(device.pendingMfa)).toMatchObject({ userId: actor.id, device: "code" });
    const types = (await auditFor(actor.id)).map((e) => e.type);
    expect(types).toContain("device.verified");
    expect(types).not.toContain("user.signed_in");
    expect((await verifyTotpSignIn(device.pendingMfa, code(), { sourceIp: null })).kind).toBe("verified");
  });

  it("staff without TOTP and recipients sign in as before", async () => {
    for (const role of ["admin", "recipient"] as const) {
      const actor = await createUser(role);
      const result = await attemptPasswordSignIn({ email: actor.email, password: PASSWORD }, ctx({ deviceSecrets: [await knownDevice(actor.id)] }));
      expect(result.kind).toBe("signed-in");
    }
  });
});

describe("grants fail closed", () => {
  it("refuses a grant without a second factor for an account with TOTP on; a password change keeps the session", async () => {
    const actor = await createUser("admin");
    await enrol(actor);
    expect(await redeemSignInGrant(createSignInGrant(actor.id))).toBeNull();
    expect(await redeemSignInGrant(createSignInGrant(actor.id, new Date(), "totp"))).toMatchObject({ id: actor.id });
    const changed = await changePassword(actor, { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { sourceIp: null });
    if (!changed.ok) throw new Error(changed.error);
    expect(await redeemSignInGrant(changed.grant)).toMatchObject({ id: actor.id, sessionVersion: 1 });
  });

  it("a password reset link proves the mailbox only: TOTP is still asked", async () => {
    const actor = await createUser("sender");
    const code = await enrol(actor);
    await requestPasswordReset(actor.email, { sourceIp: null });
    for (const job of await claimJobs("test-worker", 50, 60_000)) {
      if (job.kind === "account-email") await runAccountEmailJob(job);
    }
    const mail = await getDb().devMailboxMessage.findFirst({ where: { envelopeTo: actor.email }, orderBy: { createdAt: "desc" } });
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? "")?.[1];
    const result = await resetPassword(token!, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { sourceIp: null, userAgent: "vitest" });
    if (!result.ok || !("pendingMfa" in result)) throw new Error("expected the TOTP step after the reset");
    expect(readPendingMfa(result.pendingMfa)).toEqual({ userId: actor.id, via: "password-reset", device: "reset-link" });
    const verified = await verifyTotpSignIn(result.pendingMfa, code(), { sourceIp: null });
    if (verified.kind !== "verified") throw new Error(`expected verified, got ${verified.kind}`);
    expect(await redeemSignInGrant(verified.grant)).toMatchObject({ id: actor.id, sessionVersion: 1 });
  });
});

describe("required MFA for staff", () => {
  it("the rule: staff without TOTP must set it up when required; recipients never", () => {
    const cases: [Role, boolean, boolean, boolean][] = [
      // role, totpEnabled, requireStaffMfa, needs setup
      ["admin", false, true, true],
      ["sender", false, true, true],
      ["compliance", false, true, true],
      ["recipient", false, true, false],
      ["sender", true, true, false],
      ["sender", false, false, false],
      ["admin", true, false, false],
    ];
    for (const [role, totpEnabled, requireStaffMfa, expected] of cases) {
      expect([role, totpEnabled, requireStaffMfa, needsMfaSetup({ role, totpEnabled, requireStaffMfa })]).toEqual([role, totpEnabled, requireStaffMfa, expected]);
    }
  });

  it("follows the organisation setting and the person's own enrolment", async () => {
    const admin = await createUser("admin");
    const sender = await createUser("sender");
    const recipient = await createUser("recipient");
    expect(await actorNeedsMfaSetup(sender)).toBe(false);
    await setOrgSettings(admin, { requireStaffMfa: true }, { sourceIp: null });
    expect(await actorNeedsMfaSetup(sender)).toBe(true);
    expect(await actorNeedsMfaSetup(admin)).toBe(true);
    expect(await actorNeedsMfaSetup(recipient)).toBe(false);
    // A setup started but not confirmed does not count.
    await startTotpEnrolment(sender);
    expect(await actorNeedsMfaSetup(sender)).toBe(true);
    await enrol(sender);
    expect(await actorNeedsMfaSetup(sender)).toBe(false);
    await setOrgSettings(admin, { requireStaffMfa: false }, { sourceIp: null });
    expect(await actorNeedsMfaSetup(admin)).toBe(false);
  });
});
