import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";

// Staff invitations end to end: the admin's invite, the worker's invitation email through a real relay peer on
// loopback, and the one-time link that activates the account.

const relay = await startMxPeer({ ...(await getTestCertificates("relay.test")).good, starttls: false });
Object.assign(process.env, {
  SMTP_RELAY_URL: `smtp://${relay.host}:${relay.port}`,
  NOTIFY_FROM: "notices@gateway.test",
  ORG_NAME: "Acme",
  CONNECT_TIMEOUT: "3s",
  GREETING_TIMEOUT: "3s",
  SOCKET_TIMEOUT: "5s",
});

const { getDb } = await import("@/lib/db");
const { hashToken } = await import("@/lib/auth/hash-token");
const { AccessDeniedError } = await import("@/lib/auth/roles");
const { verifyCredentials } = await import("@/lib/auth/verify-credentials");
const { inviteUser, InviteUserError } = await import("@/lib/admin/invite-user");
const { getInvitation } = await import("@/lib/admin/get-invitation");
const { acceptInvitation, AcceptInvitationError } = await import("@/lib/admin/accept-invitation");
const { listStaffUsers } = await import("@/lib/admin/list-staff-users");
const { startWorker } = await import("@/lib/queue/worker");

afterAll(() => relay.close());

const PASSWORD = "violet lantern orbits quietly";
const DAY = 86_400_000;

async function createUser(email: string, role: "admin" | "sender" | "recipient", passwordHash: string | null = "x") {
  const user = await getDb().user.create({ data: { email, name: email.split("@")[0] ?? "u", role, passwordHash } });
  return { id: user.id, email: user.email, name: user.name, role };
}

async function runWorkerUntilIdle(): Promise<void> {
  const worker = startWorker({ concurrency: 2, pollMs: 20, maxPollMs: 100 });
  try {
    const deadline = Date.now() + 15_000;
    while ((await getDb().job.count({ where: { doneAt: null, runAt: { lte: new Date() } } })) > 0) {
      if (Date.now() > deadline) throw new Error("jobs still due after 15 s");
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  } finally {
    await worker.stop();
  }
}

/** The invitation token from the newest email the relay received for `to`. */
async function linkTokenFor(to: string): Promise<string> {
  const mail = relay.received.filter((m) => m.envelope.to.includes(to)).at(-1);
  if (!mail) throw new Error(`no email to ${to}`);
  const parsed = await simpleParser(mail.data);
  const match = /http:\/\/localhost:3000\/invite\/([A-Za-z0-9_-]{43})/.exec(parsed.text ?? "");
  if (!match?.[1]) throw new Error("no invitation link in the email");
  return match[1];
}

const admin = await createUser("root@acme.example", "admin");

describe("invitations", () => {
  it("lets only an admin invite, and queues the email with an audit event but no token", async () => {
    const sender = await createUser("sam@acme.example", "sender");
    await expect(inviteUser(sender, { name: "Eve", email: "eve@acme.example", role: "sender" })).rejects.toBeInstanceOf(AccessDeniedError);

    const { userId } = await inviteUser(admin, { name: "Tess Tester", email: " Tess@Acme.example ", role: "sender" }, { sourceIp: "192.0.2.5" });
    const user = await getDb().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ email: "tess@acme.example", name: "Tess Tester", role: "sender", passwordHash: null });
    const job = await getDb().job.findFirstOrThrow({ where: { kind: "send-invitation" } });
    expect(JSON.parse(job.payload)).toEqual({ userId, invitedBy: admin.id });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { type: "user.invited" } });
    expect(event).toMatchObject({ actorId: admin.id, sourceIp: "192.0.2.5", outcome: "success" });
    expect(JSON.parse(event.data)).toEqual({ userId, role: "sender", reinvited: false });
    // No link exists until the worker sends the email.
    expect(await getDb().accessToken.count({ where: { userId, purpose: "invitation" } })).toBe(0);

    // Active accounts and recipients keep their address.
    await createUser("rick@outside.example", "recipient");
    for (const email of ["sam@acme.example", "rick@outside.example"]) {
      await expect(inviteUser(admin, { name: "X", email, role: "sender" })).rejects.toBeInstanceOf(InviteUserError);
    }
    expect((await listStaffUsers(admin)).find((u) => u.email === "tess@acme.example")?.state).toBe("invited");
  });

  it("emails a 7-day single-use link that activates the account once", async () => {
    await runWorkerUntilIdle();
    const token = await linkTokenFor("tess@acme.example");
    const stored = await getDb().accessToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(stored.purpose).toBe("invitation");
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7 * DAY - 60_000);
    expect(stored.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    const mail = await simpleParser(relay.received.at(-1)!.data);
    expect(mail.subject).toBe("Your invitation to Acme");
    expect(mail.html).toContain(`/invite/${token}`);

    // Looking at the link consumes nothing.
    expect(await getInvitation(token)).toMatchObject({ state: "valid", email: "tess@acme.example", role: "sender" });
    expect(await getInvitation(token)).toMatchObject({ state: "valid" });

    // A refused password leaves the link usable.
    await expect(acceptInvitation(token, { name: "Tess", password: "password1234", confirm: "password1234" })).rejects.toMatchObject({ code: expect.stringMatching(/^password(Common|Weak)$/) });
    await expect(acceptInvitation(token, { name: "Tess", password: PASSWORD, confirm: `${PASSWORD}!` })).rejects.toMatchObject({ code: "passwordMismatch" });

    const { userId } = await acceptInvitation(token, { name: "Tess T.", password: PASSWORD, confirm: PASSWORD }, { sourceIp: "192.0.2.6" });
    const user = await getDb().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.name).toBe("Tess T.");
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await verifyCredentials({ email: "tess@acme.example", password: PASSWORD }, null)).toMatchObject({ id: userId, role: "sender" });
    const created = await getDb().auditEvent.findFirstOrThrow({ where: { type: "user.created", actorId: userId } });
    expect(JSON.parse(created.data)).toMatchObject({ role: "sender", via: "invitation" });
    expect(created.data).not.toContain(token);

    // Single use.
    const again = await acceptInvitation(token, { name: "Mallory", password: PASSWORD, confirm: PASSWORD }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AcceptInvitationError);
    expect((again as InstanceType<typeof AcceptInvitationError>).code).toBe("invalid-token");
    expect(await getInvitation(token)).toEqual({ state: "invalid" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: userId } })).name).toBe("Tess T.");
  });

  it("refuses an expired link, and a re-invitation retires the earlier link", async () => {
    await inviteUser(admin, { name: "Uma", email: "uma@acme.example", role: "compliance" });
    await runWorkerUntilIdle();
    const first = await linkTokenFor("uma@acme.example");

    const { reinvited } = await inviteUser(admin, { name: "Uma U.", email: "uma@acme.example", role: "admin" });
    expect(reinvited).toBe(true);
    await runWorkerUntilIdle();
    const second = await linkTokenFor("uma@acme.example");
    expect(second).not.toBe(first);
    expect(await getInvitation(first)).toEqual({ state: "invalid" });
    expect(await getInvitation(second)).toMatchObject({ state: "valid", role: "admin", name: "Uma U." });

    await getDb().$transaction((tx) => tx.accessToken.update({ where: { tokenHash: hashToken(second) }, data: { expiresAt: new Date(Date.now() - 1_000) } }));
    expect(await getInvitation(second)).toEqual({ state: "invalid" });
    await expect(acceptInvitation(second, { name: "Uma", password: PASSWORD, confirm: PASSWORD })).rejects.toMatchObject({ code: "invalid-token" });
    expect((await getDb().user.findUniqueOrThrow({ where: { email: "uma@acme.example" } })).passwordHash).toBeNull();
  });
});
