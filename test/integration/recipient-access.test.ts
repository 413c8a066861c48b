import { describe, expect, it, vi } from "vitest";

// Account emails leave through the embedded dev mailbox: the recipient domain's "MX" is a closed loopback port,
// so direct delivery fails at once and the captured copy is what the person would have received.
vi.hoisted(() => {
  process.env.TRANSPORT_MAP = "example.org=127.0.0.1:1";
  process.env.DEV_MAILBOX = "on";
  process.env.CONNECT_TIMEOUT = "2s";
});

import { attemptPasswordSignIn, type SignInContext } from "@/lib/auth/attempt-password-sign-in";
import { changePassword } from "@/lib/auth/change-password";
import { getPasswordReset } from "@/lib/auth/get-password-reset";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { hashToken } from "@/lib/auth/hash-token";
import { hashPassword } from "@/lib/auth/passwords";
import { readAddressProof } from "@/lib/auth/read-address-proof";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { resetPassword } from "@/lib/auth/reset-password";
import { runAccountEmailJob } from "@/lib/auth/run-account-email-job";
import { redeemSignInGrant } from "@/lib/auth/sign-in-grant";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";
import { readSignedValue, signValue } from "@/lib/auth/signed-value";
import { verifyDeviceCode } from "@/lib/auth/verify-device-code";
import { getDb } from "@/lib/db";
import { issuePortalToken } from "@/lib/notify/issue-portal-token";
import { getOpenLink } from "@/lib/portal/access/get-open-link";
import { openLink } from "@/lib/portal/access/open-link";
import { recordLinkFetched } from "@/lib/portal/access/record-link-fetched";
import { registerRecipient } from "@/lib/portal/access/register-recipient";
import { requestNewLink } from "@/lib/portal/access/request-new-link";
import { claimJobs } from "@/lib/queue/claim-jobs";

const STRONG = "violet tram parsnip harbour";
const NEW_STRONG = "copper kettle meadow lantern";
const HOUR = 3_600_000;
const noDevice = (overrides: Partial<SignInContext> = {}): SignInContext => ({
  sourceIp: "192.0.2.10",
  userAgent: "vitest",
  deviceSecrets: [],
  addressProof: null,
  ...overrides,
});

let counter = 0;

/** An escrowed recipient of a fresh message, with a notification link (token) issued `ttlMs` long. */
async function escrowedRecipient(address: string, ttlMs = HOUR) {
  counter += 1;
  const db = getDb();
  const message = await db.$transaction((tx) =>
    tx.message.create({
      data: { source: "api", envelopeFrom: "ann@sender.test", fromName: "Ann Sender", fromAddress: "ann@sender.test", sizeBytes: 10, dataKeyId: "k1" },
    }),
  );
  const recipient = await db.$transaction((tx) =>
    tx.recipient.create({ data: { messageId: message.id, address, domain: address.split("@")[1] ?? "", status: "escrowed", notifiedAt: new Date() } }),
  );
  const issued = await db.$transaction((tx) => issuePortalToken(tx, recipient.id, new Date(Date.now() + ttlMs)));
  return { messageId: message.id, recipientId: recipient.id, token: issued.token, accessTokenId: issued.accessTokenId };
}

async function createUser(email: string, role = "recipient") {
  const passwordHash = await hashPassword(STRONG);
  return getDb().$transaction((tx) => tx.user.create({ data: { email, name: "Pat Person", role, passwordHash } }));
}

async function auditTypes(type: string) {
  return getDb().auditEvent.findMany({ where: { type }, orderBy: { seq: "asc" } });
}

/** Runs every due account-email job now, as the worker would; returns the mails captured for `to`. */
async function runAccountEmails(to: string) {
  for (const job of await claimJobs("test-worker", 50, 60_000)) {
    if (job.kind === "account-email") await runAccountEmailJob(job);
  }
  return getDb().devMailboxMessage.findMany({ where: { envelopeTo: to }, orderBy: { createdAt: "asc" } });
}

describe("scanner-safe landing", () => {
  it("shows a valid link any number of times without using it, and audits each fetch without the token", async () => {
    const { token, accessTokenId, recipientId } = await escrowedRecipient("Scan.Me@example.org");
    for (let i = 0; i < 3; i++) {
      const open = await getOpenLink(token);
      expect(open.state).toBe("valid");
      expect(open.link).toMatchObject({ email: "scan.me@example.org", senderName: "Ann Sender", recipientId });
      await recordLinkFetched(open, { sourceIp: "198.51.100.7", userAgent: "SafeLinks/1.0" });
    }
    const row = await getDb().accessToken.findUniqueOrThrow({ where: { id: accessTokenId } });
    expect(row.consumedAt).toBeNull();
    const fetched = (await auditTypes("link.fetched")).filter((e) => e.recipientId === recipientId);
    expect(fetched).toHaveLength(3);
    for (const event of fetched) {
      expect(event.data).not.toContain(token);
      expect(JSON.parse(event.data)).toMatchObject({ state: "valid", userAgent: "SafeLinks/1.0", accessTokenId });
    }
    expect(await getDb().auditEvent.count({ where: { type: "message.opened", recipientId } })).toBe(0);
  });

  it("tells expired, revoked, ended and unknown links apart", async () => {
    const expired = await escrowedRecipient("expired@example.org", -1000);
    expect((await getOpenLink(expired.token)).state).toBe("expired");
    const revoked = await escrowedRecipient("revoked@example.org");
    await getDb().$transaction((tx) => tx.recipient.update({ where: { id: revoked.recipientId }, data: { revokedAt: new Date() } }));
    expect((await getOpenLink(revoked.token)).state).toBe("revoked");
    const ended = await escrowedRecipient("ended@example.org");
    await getDb().$transaction((tx) => tx.recipient.update({ where: { id: ended.recipientId }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    expect((await getOpenLink(ended.token)).state).toBe("message-expired");
    expect((await getOpenLink("not-a-token")).state).toBe("unknown");
    // A live token of another purpose for the same recipient does not open the portal.
    await getDb().$transaction((tx) =>
      tx.accessToken.create({
        data: { purpose: "admin-setup", tokenHash: hashToken("setup-token"), recipientId: revoked.recipientId, expiresAt: new Date(Date.now() + HOUR) },
      }),
    );
    expect((await getOpenLink("setup-token")).state).toBe("unknown");
    expect(await openLink(expired.token, { actor: null, sourceIp: null, userAgent: null })).toEqual({ next: "refused", state: "expired" });
  });

  it("the button sends a new address to registration and a known one to sign-in, without using the link", async () => {
    const fresh = await escrowedRecipient("newcomer@example.org");
    const outcome = await openLink(fresh.token, { actor: null, sourceIp: "198.51.100.8", userAgent: "Firefox" });
    expect(outcome.next).toBe("register");
    const proof = outcome.next === "register" ? await readAddressProof(outcome.proof) : null;
    expect(proof).toMatchObject({ email: "newcomer@example.org", recipientId: fresh.recipientId, accessTokenId: fresh.accessTokenId });
    expect((await getDb().accessToken.findUniqueOrThrow({ where: { id: fresh.accessTokenId } })).consumedAt).toBeNull();

    await createUser("regular@example.org");
    const known = await escrowedRecipient("Regular@example.org");
    expect((await openLink(known.token, { actor: null, sourceIp: null, userAgent: null })).next).toBe("sign-in");
    expect(await auditTypes("link.opened")).toHaveLength(2);
  });

  it("a proof cookie value cannot be forged, reused for another purpose, or outlive its link", async () => {
    const { token } = await escrowedRecipient("forge@example.org");
    const outcome = await openLink(token, { actor: null, sourceIp: null, userAgent: null });
    if (outcome.next !== "register") throw new Error("expected register");
    const [body, mac] = outcome.proof.split(".");
    expect(await readAddressProof(`${body}.${mac?.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`)).toBeNull();
    expect(readSignedValue("sign-in-grant", outcome.proof)).toBeNull();
    expect(await redeemSignInGrant(outcome.proof)).toBeNull();
    expect(readSignedValue("address-proof", signValue("address-proof", { accessTokenId: "x" }, -1))).toBeNull();
    expect(await readAddressProof(outcome.proof, new Date(Date.now() + 2 * HOUR))).toBeNull();
  });
});

describe("registration", () => {
  it("binds the account to the proved address, uses the link once, and never makes a second account", async () => {
    const { token, recipientId, accessTokenId, messageId } = await escrowedRecipient("Jo.Reader@example.org");
    const outcome = await openLink(token, { actor: null, sourceIp: null, userAgent: null });
    if (outcome.next !== "register") throw new Error("expected register");
    const proof = await readAddressProof(outcome.proof);
    const ctx = { sourceIp: "203.0.113.5", userAgent: "Safari" };

    expect(await registerRecipient(proof, { name: "Jo", password: "password1234", confirm: "password1234" }, ctx)).toEqual({ ok: false, error: "passwordWeak" });
    expect(await registerRecipient(proof, { name: "Jo", password: "short", confirm: "short" }, ctx)).toEqual({ ok: false, error: "passwordTooShort" });
    expect(await registerRecipient(proof, { name: "Jo", password: STRONG, confirm: `${STRONG}!` }, ctx)).toEqual({ ok: false, error: "passwordMismatch" });
    expect(await registerRecipient(proof, { name: "  ", password: STRONG, confirm: STRONG }, ctx)).toEqual({ ok: false, error: "name" });
    expect(await getDb().user.count({ where: { email: "jo.reader@example.org" } })).toBe(0);

    const result = await registerRecipient(proof, { name: "Jo Reader", password: STRONG, confirm: STRONG }, ctx);
    if (!result.ok) throw new Error(`registration failed: ${result.error}`);
    expect(result.recipientId).toBe(recipientId);
    const user = await getDb().user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user).toMatchObject({ email: "jo.reader@example.org", role: "recipient", name: "Jo Reader" });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await getDb().accessToken.findUniqueOrThrow({ where: { id: accessTokenId } })).consumedAt).not.toBeNull();
    expect(await getDb().knownDevice.count({ where: { userId: user.id, secretHash: hashToken(result.deviceSecret) } })).toBe(1);
    expect(await redeemSignInGrant(result.grant)).toMatchObject({ id: user.id, role: "recipient", sessionVersion: 0 });
    const [event] = (await auditTypes("recipient.registered")).filter((e) => e.actorId === user.id);
    expect(event).toMatchObject({ recipientId, messageId, sourceIp: "203.0.113.5" });
    expect(event?.data).not.toContain(STRONG);

    // The same proof (a second tab, a replayed cookie) and the used link itself are refused.
    expect(await registerRecipient(proof, { name: "Jo Again", password: STRONG, confirm: STRONG }, ctx)).toEqual({ ok: false, error: "account-exists" });
    expect(await readAddressProof(outcome.proof)).toBeNull();
    expect((await getOpenLink(token)).state).toBe("used");
    expect(await openLink(token, { actor: null, sourceIp: null, userAgent: null })).toEqual({ next: "refused", state: "used" });

    // A later message to the same address (any sender) leads to sign-in, not a second account.
    const later = await escrowedRecipient("JO.READER@example.org");
    expect((await openLink(later.token, { actor: null, sourceIp: null, userAgent: null })).next).toBe("sign-in");
    expect(await getDb().user.count({ where: { email: "jo.reader@example.org" } })).toBe(1);
  });
});

describe("password sign-in", () => {
  it("throttles after 5 wrong passwords for one account from one address, even for the right password, and audits it", async () => {
    await createUser("target@example.org", "sender");
    const ctx = noDevice({ sourceIp: "192.0.2.99" });
    for (let i = 0; i < 5; i++) {
      expect(await attemptPasswordSignIn({ email: "target@example.org", password: `wrong guess number ${i}` }, ctx)).toEqual({ kind: "failed" });
    }
    const throttled = await attemptPasswordSignIn({ email: "target@example.org", password: STRONG }, ctx);
    expect(throttled.kind).toBe("throttled");
    if (throttled.kind === "throttled") expect(throttled.retryAfterMs).toBeGreaterThan(10 * 60_000);
    expect((await auditTypes("user.sign_in_throttled")).at(-1)).toMatchObject({ sourceIp: "192.0.2.99", outcome: "denied" });
    expect(await getDb().rateLimiterFlexible.count()).toBeGreaterThan(0);
    expect(JSON.stringify(await getDb().rateLimiterFlexible.findMany())).not.toContain("target@example.org");
    // Another network address is not affected by this account's counter.
    expect((await attemptPasswordSignIn({ email: "target@example.org", password: STRONG }, noDevice({ sourceIp: "192.0.2.100" }))).kind).toBe("device-code");
  });

  it("asks an unknown browser for an emailed code: wrong codes count and lock after 5, a new code works once", async () => {
    const user = await createUser("device@example.org", "sender");
    const first = await attemptPasswordSignIn({ email: "device@example.org", password: STRONG }, noDevice());
    if (first.kind !== "device-code") throw new Error(`expected a device code, got ${first.kind}`);
    expect((await auditTypes("device.code_sent")).filter((e) => e.actorId === user.id)).toHaveLength(1);
    const [mail] = await runAccountEmails("device@example.org");
    const code = /\b(\d{6})\b/.exec(mail?.text ?? "")?.[1];
    expect(code).toBeDefined();
    expect(mail?.subject).not.toContain(code!);
    const stored = await getDb().accessToken.findFirstOrThrow({ where: { userId: user.id, purpose: "device-code" } });
    expect(stored.tokenHash).not.toContain(code!);

    const ctx = { sourceIp: "192.0.2.10", userAgent: "vitest" };
    const wrong = code === "000000" ? "111111" : "000000";
    for (let left = 4; left >= 1; left--) expect(await verifyDeviceCode(first.pendingSignIn, wrong, ctx)).toEqual({ kind: "wrong", attemptsLeft: left });
    expect(await verifyDeviceCode(first.pendingSignIn, wrong, ctx)).toEqual({ kind: "locked" });
    expect(await verifyDeviceCode(first.pendingSignIn, code!, ctx)).toEqual({ kind: "no-code" });
    expect((await getDb().accessToken.findUniqueOrThrow({ where: { id: stored.id } })).attempts).toBe(5);
    expect((await auditTypes("device.code_failed")).filter((e) => e.actorId === user.id)).toHaveLength(5);

    const again = await attemptPasswordSignIn({ email: "device@example.org", password: STRONG }, noDevice());
    if (again.kind !== "device-code") throw new Error("expected a device code");
    const mails = await runAccountEmails("device@example.org");
    const second = /\b(\d{6})\b/.exec(mails.at(-1)?.text ?? "")?.[1];
    expect(await verifyDeviceCode("forged.value", second!, ctx)).toEqual({ kind: "expired" });
    const verified = await verifyDeviceCode(again.pendingSignIn, ` ${second} `, ctx);
    if (verified.kind !== "verified") throw new Error(`expected verified, got ${verified.kind}`);
    expect(await verifyDeviceCode(again.pendingSignIn, second!, ctx)).toEqual({ kind: "no-code" });

    // That browser is now known: the next sign-in completes without a code.
    const known = await attemptPasswordSignIn({ email: "device@example.org", password: STRONG }, noDevice({ deviceSecrets: [verified.deviceSecret] }));
    expect(known).toMatchObject({ kind: "signed-in", userId: user.id, deviceSecret: null });
  });

  it("a portal link for the same address stands in for the device code, and is used up by the sign-in", async () => {
    const user = await createUser("linked@example.org");
    const { token, accessTokenId } = await escrowedRecipient("linked@example.org");
    const outcome = await openLink(token, { actor: null, sourceIp: null, userAgent: null });
    if (outcome.next !== "sign-in") throw new Error("expected sign-in");
    const proof = await readAddressProof(outcome.proof);
    // A proof for a different address does not help another account.
    await createUser("other@example.org");
    expect((await attemptPasswordSignIn({ email: "other@example.org", password: STRONG }, noDevice({ addressProof: proof }))).kind).toBe("device-code");

    const result = await attemptPasswordSignIn({ email: "linked@example.org", password: STRONG }, noDevice({ addressProof: proof }));
    expect(result).toMatchObject({ kind: "signed-in", userId: user.id });
    expect((await getDb().accessToken.findUniqueOrThrow({ where: { id: accessTokenId } })).consumedAt).not.toBeNull();
    expect(await readAddressProof(outcome.proof)).toBeNull();
  });
});

describe("password reset and sessions", () => {
  it("mails a single-use link, sets a strong password, ends every session and says so by email", async () => {
    const user = await createUser("forgetful@example.org");
    await requestPasswordReset("nobody-here@example.org", { sourceIp: "192.0.2.1" });
    await requestPasswordReset(" Forgetful@Example.org ", { sourceIp: "192.0.2.1" });
    const requested = await auditTypes("password.reset_requested");
    expect(requested.map((e) => [e.outcome, JSON.parse(e.data).reason ?? null])).toEqual([
      ["denied", "unknown-email"],
      ["success", null],
    ]);
    const [mail] = await runAccountEmails("forgetful@example.org");
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail?.text ?? "")?.[1];
    expect(token).toBeDefined();
    expect(await getPasswordReset(token!)).toMatchObject({ userId: user.id });

    const ctx = { sourceIp: "192.0.2.1", userAgent: "vitest" };
    expect(await resetPassword(token!, { password: "qwertyuiop123", confirm: "qwertyuiop123" }, ctx)).toEqual({ ok: false, error: "passwordWeak" });
    const done = await resetPassword(token!, { password: NEW_STRONG, confirm: NEW_STRONG }, ctx);
    expect(done.ok).toBe(true);
    const after = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(1);
    expect(after.passwordChangedAt).not.toBeNull();
    expect(await getSessionActor(user.id, 0)).toBeNull();
    expect(await getSessionActor(user.id, 1)).toMatchObject({ id: user.id });
    expect(await resetPassword(token!, { password: NEW_STRONG, confirm: NEW_STRONG }, ctx)).toEqual({ ok: false, error: "invalid-token" });
    expect(await getPasswordReset(token!)).toBeNull();
    expect((await auditTypes("password.changed")).filter((e) => e.actorId === user.id)).toHaveLength(1);
    const mails = await runAccountEmails("forgetful@example.org");
    expect(mails.map((m) => m.subject)).toEqual(["Reset your password", "Your password was changed"]);
    expect(mails[1]?.text).not.toContain(NEW_STRONG);
  });

  it("changing the password needs the current one; sign out everywhere ends older sessions", async () => {
    const created = await createUser("changer@example.org");
    const actor = { id: created.id, email: created.email, name: created.name, role: "recipient" as const };
    expect(await changePassword(actor, { current: "not my password!", password: NEW_STRONG, confirm: NEW_STRONG }, { sourceIp: null })).toEqual({
      ok: false,
      error: "currentWrong",
    });
    const changed = await changePassword(actor, { current: STRONG, password: NEW_STRONG, confirm: NEW_STRONG }, { sourceIp: null });
    if (!changed.ok) throw new Error(changed.error);
    expect(await redeemSignInGrant(changed.grant)).toMatchObject({ sessionVersion: 1 });
    await signOutEverywhere(actor, { sourceIp: "192.0.2.3" });
    expect(await getSessionActor(actor.id, 1)).toBeNull();
    expect(await getSessionActor(actor.id, 2)).toMatchObject({ id: actor.id });
    expect((await auditTypes("user.signed_out_everywhere")).at(-1)).toMatchObject({ actorId: actor.id, sourceIp: "192.0.2.3" });
  });
});

describe("send me a new link", () => {
  it("queues a fresh notification for an expired link only, limited per recipient", async () => {
    const expired = await escrowedRecipient("late@example.org", -1000);
    const valid = await escrowedRecipient("ontime@example.org");
    await requestNewLink(valid.token, { sourceIp: "192.0.2.20" });
    await requestNewLink("made-up-token", { sourceIp: "192.0.2.20" });
    expect(await getDb().job.count({ where: { kind: "notify-recipient" } })).toBe(0);

    for (let i = 0; i < 4; i++) await requestNewLink(expired.token, { sourceIp: "192.0.2.20" });
    const jobs = await getDb().job.findMany({ where: { kind: "notify-recipient", recipientId: expired.recipientId } });
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(jobs.length).toBeLessThanOrEqual(3);
    expect((await getDb().recipient.findUniqueOrThrow({ where: { id: expired.recipientId } })).notifiedAt).toBeNull();
    const resent = (await auditTypes("notification.resent")).filter((e) => e.recipientId === expired.recipientId);
    expect(resent.map((e) => e.outcome)).toEqual(["success", "success", "success", "denied"]);
  });
});
