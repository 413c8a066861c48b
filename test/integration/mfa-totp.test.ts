import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/passwords";
import { AccessDeniedError, type Actor, type Role } from "@/lib/auth/roles";
import { confirmTotpEnrolment } from "@/lib/auth/totp/confirm-totp-enrolment";
import { disableTotp } from "@/lib/auth/totp/disable-totp";
import { getTotpStatus } from "@/lib/auth/totp/get-totp-status";
import { hasTotp } from "@/lib/auth/totp/has-totp";
import { createPendingMfa } from "@/lib/auth/totp/pending-mfa";
import { resetTotp } from "@/lib/auth/totp/reset-totp";
import { startTotpEnrolment } from "@/lib/auth/totp/start-totp-enrolment";
import { openTotpSecret } from "@/lib/auth/totp/totp-secret";
import { verifyTotpSignIn } from "@/lib/auth/totp/verify-totp-sign-in";
import { redeemSignInGrant } from "@/lib/auth/sign-in-grant";
import { getDb } from "@/lib/db";
import { getKeyRing } from "@/lib/escrow/key-ring";

// TOTP for staff (RFC 6238): enrolment with a sealed secret, the sign-in check with its window, replay refusal
// and lockout, turning it off with a code, and an admin's reset. Codes are computed here with otpauth from the
// secret read back through lib's own open function, as an authenticator app would from the QR code.

const STEP_MS = 30_000;
// A fixed clock, aligned to the start of a step, so "one step earlier/later" is exact.
const T0 = new Date(Math.floor(Date.parse("2026-11-02T09:00:00Z") / STEP_MS) * STEP_MS);
const at = (steps: number) => new Date(T0.getTime() + steps * STEP_MS);
const ctx = (now: Date) => ({ sourceIp: "192.0.2.7", now });

let counter = 0;
async function createStaff(role: Role = "sender"): Promise<Actor> {
  counter += 1;
  const email = `staff${counter}@org.example`;
  const user = await getDb().user.create({ data: { email, name: `Staff ${counter}`, role, passwordHash: await hashPassword("violet tram parsnip harbour") } });
  return { id: user.id, email, name: user.name, role };
}

async function storedSecret(userId: string): Promise<string> {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId } });
  const secret = openTotpSecret(getKeyRing(), user);
  if (!secret) throw new Error("no secret stored");
  return secret;
}

const codeAt = (secret: string, when: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: when.getTime() });

async function enrolled(role: Role = "sender"): Promise<{ actor: Actor; secret: string }> {
  const actor = await createStaff(role);
  expect(await startTotpEnrolment(actor)).toBe(true);
  const secret = await storedSecret(actor.id);
  expect(await confirmTotpEnrolment(actor, codeAt(secret, at(0)), ctx(at(0)))).toEqual({ ok: true });
  return { actor, secret };
}

async function events(type: string, userId: string) {
  const rows = await getDb().auditEvent.findMany({ where: { type }, orderBy: { seq: "asc" } });
  return rows.filter((row) => JSON.parse(row.data).userId === userId || row.actorId === userId).map((row) => ({ ...row, data: JSON.parse(row.data) }));
}

describe("enrolment", () => {
  it("seals a 160-bit secret, shows it only while pending, and turns on with a first code", async () => {
    const actor = await createStaff();
    expect(await getTotpStatus(actor)).toEqual({ state: "off" });
    expect(await startTotpEnrolment(actor)).toBe(true);

    const row = await getDb().user.findUniqueOrThrow({ where: { id: actor.id } });
    const secret = await storedSecret(actor.id);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
    // Sealed: neither the base32 text nor the raw key bytes appear in the row.
    expect(row.totpSecretSealed).not.toBeNull();
    expect(Buffer.from(row.totpSecretSealed!).toString("latin1")).not.toContain(secret);
    expect(Buffer.from(row.totpSecretSealed!).includes(Buffer.from(Secret.fromBase32(secret).bytes))).toBe(false);
    expect(row.totpKeyId).toBe(getKeyRing().activeId);
    expect(row.totpEnabledAt).toBeNull();
    expect(await hasTotp(actor.id)).toBe(false);

    const status = await getTotpStatus(actor);
    if (status.state !== "pending") throw new Error(`expected pending, got ${status.state}`);
    expect(status.secret).toBe(secret);
    const uri = new URL(status.uri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Sealpost");
    expect(decodeURIComponent(uri.pathname)).toContain(actor.email);

    expect(await confirmTotpEnrolment(actor, "000000" === codeAt(secret, at(0)) ? "111111" : "000000", ctx(at(0)))).toEqual({ ok: false, error: "wrong-code" });
    expect(await confirmTotpEnrolment(actor, codeAt(secret, at(0)), ctx(at(0)))).toEqual({ ok: true });
    expect(await hasTotp(actor.id)).toBe(true);
    expect(await getTotpStatus(actor)).toMatchObject({ state: "on" });
    const [enrolledEvent] = await events("mfa.enrolled", actor.id);
    expect(enrolledEvent).toMatchObject({ actorId: actor.id, outcome: "success", data: { userId: actor.id } });
    // On means on: starting again changes nothing; it must be turned off with a code first.
    expect(await startTotpEnrolment(actor)).toBe(false);
    expect(await storedSecret(actor.id)).toBe(secret);
    // The code that confirmed the setup cannot then sign in (its step is already used).
    const replay = await verifyTotpSignIn(createPendingMfa(actor.id, { via: "password", device: "known" }, at(0)), codeAt(secret, at(0)), ctx(at(0)));
    expect(replay.kind).toBe("replayed");
  });

  it("a restarted setup replaces the pending secret, and recipients cannot enrol", async () => {
    const actor = await createStaff("compliance");
    await startTotpEnrolment(actor);
    const first = await storedSecret(actor.id);
    await startTotpEnrolment(actor);
    const second = await storedSecret(actor.id);
    expect(second).not.toBe(first);
    expect(await confirmTotpEnrolment(actor, codeAt(first, at(0)), ctx(at(0)))).toEqual({ ok: false, error: "wrong-code" });
    expect(await confirmTotpEnrolment(actor, codeAt(second, at(0)), ctx(at(0)))).toEqual({ ok: true });

    const recipient = { ...(await createStaff()), role: "recipient" as const };
    await expect(startTotpEnrolment(recipient)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(confirmTotpEnrolment(recipient, "123456", ctx(at(0)))).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("sign-in code", () => {
  it("accepts one step either side of now, nothing further, and issues a grant the provider redeems", async () => {
    const { actor, secret } = await enrolled();
    const pending = (now: Date) => createPendingMfa(actor.id, { via: "password", device: "known" }, now);
    // Two steps away is outside the window.
    expect(await verifyTotpSignIn(pending(at(10)), codeAt(secret, at(8)), ctx(at(10)))).toMatchObject({ kind: "wrong-code" });
    expect(await verifyTotpSignIn(pending(at(10)), codeAt(secret, at(12)), ctx(at(10)))).toMatchObject({ kind: "wrong-code" });
    // One step behind (typed in its last seconds) and one ahead (a fast phone clock) both work.
    const behind = await verifyTotpSignIn(pending(at(10)), codeAt(secret, at(9)), ctx(at(10)));
    expect(behind.kind).toBe("verified");
    const ahead = await verifyTotpSignIn(pending(at(20)), codeAt(secret, at(21)), ctx(at(20)));
    if (ahead.kind !== "verified") throw new Error(`expected verified, got ${ahead.kind}`);
    expect(await redeemSignInGrant(ahead.grant, at(20))).toMatchObject({ id: actor.id, role: "sender" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: actor.id } })).totpLastStep).toBe(Math.floor(at(21).getTime() / STEP_MS));

    const signedIn = await events("user.signed_in", actor.id);
    expect(signedIn.map((e) => e.data)).toEqual([
      { via: "password", device: "known", secondFactor: "totp" },
      { via: "password", device: "known", secondFactor: "totp" },
    ]);
    expect((await events("mfa.verified", actor.id)).map((e) => e.data)).toEqual([{ userId: actor.id }, { userId: actor.id }]);
    const failed = await events("mfa.failed", actor.id);
    expect(failed.map((e) => [e.outcome, e.data.reason])).toEqual([["failure", "wrong-code"], ["failure", "wrong-code"]]);
    // Never a code or the secret in the audit log.
    const all = await getDb().auditEvent.findMany({ where: { actorId: actor.id } });
    expect(JSON.stringify(all)).not.toContain(secret);
    expect(JSON.stringify(all.map((e) => e.data))).not.toContain(codeAt(secret, at(21)));
  });

  it("refuses a code whose step was already used, or is older than the last accepted one", async () => {
    const { actor, secret } = await enrolled();
    const pending = createPendingMfa(actor.id, { via: "password", device: "code" }, at(30));
    expect((await verifyTotpSignIn(pending, codeAt(secret, at(31)), ctx(at(30)))).kind).toBe("verified");
    // The same code again, within its window: a replay.
    expect(await verifyTotpSignIn(pending, codeAt(secret, at(31)), ctx(at(31)))).toMatchObject({ kind: "replayed", retryAfterMs: 0 });
    // An older but still in-window code after a newer one was accepted: also refused.
    expect(await verifyTotpSignIn(pending, codeAt(secret, at(30)), ctx(at(31)))).toMatchObject({ kind: "replayed" });
    // Two requests racing with one fresh code: exactly one passes.
    const racing = await Promise.all([0, 1].map(() => verifyTotpSignIn(pending, codeAt(secret, at(32)), ctx(at(32)))));
    expect(racing.map((r) => r.kind).sort()).toEqual(["replayed", "verified"]);
    expect((await events("mfa.failed", actor.id)).map((e) => e.data.reason)).toEqual(["replayed", "replayed", "replayed"]);
    // A forged or expired pending sign-in is not a sign-in at all.
    expect(await verifyTotpSignIn("forged.value", codeAt(secret, at(40)), ctx(at(40)))).toEqual({ kind: "expired" });
    expect(await verifyTotpSignIn(pending, codeAt(secret, at(60)), ctx(at(60)))).toEqual({ kind: "expired" });
  });

  it("locks TOTP for the account after 5 wrong codes in 15 minutes, even for the right code", async () => {
    const { actor, secret } = await enrolled();
    const pending = createPendingMfa(actor.id, { via: "password", device: "known" }, at(50));
    const wrong = codeAt(secret, at(50)) === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) expect(await verifyTotpSignIn(pending, wrong, ctx(at(50)))).toEqual({ kind: "wrong-code", retryAfterMs: 0 });
    const fifth = await verifyTotpSignIn(pending, wrong, ctx(at(50)));
    expect(fifth.kind).toBe("wrong-code");
    expect(fifth.kind === "wrong-code" && fifth.retryAfterMs).toBeGreaterThan(14 * 60_000);
    const locked = await verifyTotpSignIn(pending, codeAt(secret, at(50)), ctx(at(50)));
    expect(locked.kind).toBe("throttled");
    const failed = await events("mfa.failed", actor.id);
    expect(failed.map((e) => [e.outcome, e.data.reason])).toEqual([
      ...Array.from({ length: 5 }, () => ["failure", "wrong-code"]),
      ["denied", "throttled"],
    ]);
    // The refused right code was not consumed: the step is still free once an admin lifts the lock.
    expect((await getDb().user.findUniqueOrThrow({ where: { id: actor.id } })).totpLastStep).toBe(Math.floor(at(0).getTime() / STEP_MS));
    const rateRows = await getDb().rateLimiterFlexible.findMany();
    expect(JSON.stringify(rateRows)).not.toContain(actor.id);
  });
});

describe("turning TOTP off", () => {
  it("the person needs a current code; it is audited as mfa.reset", async () => {
    const { actor, secret } = await enrolled("compliance");
    const wrong = codeAt(secret, at(70)) === "000000" ? "111111" : "000000";
    expect(await disableTotp(actor, wrong, ctx(at(70)))).toEqual({ ok: false, reason: "wrong-code", retryAfterMs: 0 });
    expect(await hasTotp(actor.id)).toBe(true);
    expect(await disableTotp(actor, codeAt(secret, at(70)), ctx(at(70)))).toEqual({ ok: true });
    expect(await hasTotp(actor.id)).toBe(false);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: actor.id } });
    expect([row.totpSecretSealed, row.totpKeyId, row.totpEnabledAt, row.totpLastStep]).toEqual([null, null, null, null]);
    const [reset] = await events("mfa.reset", actor.id);
    expect(reset).toMatchObject({ actorId: actor.id, outcome: "success", data: { userId: actor.id } });
    expect(await disableTotp(actor, codeAt(secret, at(71)), ctx(at(71)))).toEqual({ ok: false, reason: "not-enrolled" });
  });

  it("an admin resets someone's TOTP (lifting a lockout); anyone else is refused and audited", async () => {
    const admin = await createStaff("admin");
    const { actor, secret } = await enrolled();
    const pending = createPendingMfa(actor.id, { via: "password", device: "known" }, at(80));
    for (let i = 0; i < 5; i++) await verifyTotpSignIn(pending, codeAt(secret, at(80)) === "000000" ? "111111" : "000000", ctx(at(80)));
    expect((await verifyTotpSignIn(pending, codeAt(secret, at(80)), ctx(at(80)))).kind).toBe("throttled");

    const sender = await createStaff("sender");
    await expect(resetTotp(sender, actor.id, { sourceIp: "192.0.2.9" })).rejects.toBeInstanceOf(AccessDeniedError);
    const denied = await getDb().auditEvent.findMany({ where: { type: "access.denied", actorId: sender.id } });
    expect(denied.map((e) => JSON.parse(e.data))).toEqual([{ resource: `mfa:reset:${actor.id}`, reason: "not-admin", role: "sender" }]);
    expect(await hasTotp(actor.id)).toBe(true);

    expect(await resetTotp(admin, actor.id, { sourceIp: "192.0.2.9" })).toBe(true);
    expect(await hasTotp(actor.id)).toBe(false);
    const [reset] = await events("mfa.reset", actor.id);
    expect(reset).toMatchObject({ actorId: admin.id, data: { userId: actor.id } });
    // Nothing left to reset: no change, no event.
    expect(await resetTotp(admin, actor.id)).toBe(false);
    expect(await events("mfa.reset", actor.id)).toHaveLength(1);

    // The lockout went with it: a fresh setup works at once.
    expect(await startTotpEnrolment(actor)).toBe(true);
    const fresh = await storedSecret(actor.id);
    expect(await confirmTotpEnrolment(actor, codeAt(fresh, at(90)), ctx(at(90)))).toEqual({ ok: true });
    expect((await verifyTotpSignIn(createPendingMfa(actor.id, { via: "password", device: "known" }, at(91)), codeAt(fresh, at(91)), ctx(at(91)))).kind).toBe("verified");
  });
});
