import { describe, expect, it } from "vitest";
import { countRecipientsByStatus } from "@/lib/admin/count-recipients-by-status";
import { getDevMailboxEntry } from "@/lib/admin/get-dev-mailbox-entry";
import { listDevMailbox } from "@/lib/admin/list-dev-mailbox";
import { AdminSetupError, completeAdminSetup, createAdminSetupLink, isAdminSetupTokenUsable } from "@/lib/auth/admin-setup";
import { getActor } from "@/lib/auth/get-actor";
import { hashToken } from "@/lib/auth/hash-token";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { getDb } from "@/lib/db";
import { getMessageStatus } from "@/lib/portal/get-message-status";

// Runs against this file's own migrated SQLite copy (test/support/setup-env.ts). The admin-setup tests share
// one database in which exactly one admin can ever be created, so they run in order.

const PASSWORD = "correct horse battery staple";

async function createUser(input: { email: string; role: string; password?: string; deactivated?: boolean }): Promise<Actor> {
  const user = await getDb().user.create({
    data: {
      email: input.email,
      name: input.email.split("@")[0] ?? "user",
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      deactivatedAt: input.deactivated ? new Date() : null,
    },
  });
  return { id: user.id, email: user.email, name: user.name, role: input.role as Actor["role"] };
}

async function auditEvents(type: string) {
  return getDb().auditEvent.findMany({ where: { type }, orderBy: { seq: "asc" } });
}

function tokenFrom(link: string): string {
  const match = /^http:\/\/localhost:3000\/setup\/([A-Za-z0-9_-]{43})$/.exec(link);
  if (!match?.[1]) throw new Error(`unexpected setup link ${link}`);
  return match[1];
}

describe("passwords", () => {
  it("hashes with argon2id m=19456 t=2 p=1 and verifies only the right password", async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain(PASSWORD);
    expect(await verifyPassword(stored, PASSWORD)).toBe(true);
    expect(await verifyPassword(stored, `${PASSWORD}!`)).toBe(false);
    expect(await verifyPassword(null, PASSWORD)).toBe(false);
    expect(await verifyPassword("not-a-hash", PASSWORD)).toBe(false);
  });

  it("refuses passwords shorter than 12 characters", async () => {
    await expect(hashPassword("elevenchars")).rejects.toThrow(/at least 12/);
  });
});

describe("verifyCredentials", () => {
  it("signs in an active user and audits success without the password", async () => {
    const user = await createUser({ email: "sender@example.org", role: "sender", password: PASSWORD });
    const actor = await verifyCredentials({ email: " Sender@Example.org ", password: PASSWORD }, "192.0.2.7");
    expect(actor).toEqual({ id: user.id, email: "sender@example.org", name: "sender", role: "sender" });
    const [event] = (await auditEvents("user.signed_in")).filter((e) => e.actorId === user.id);
    expect(event).toMatchObject({ outcome: "success", sourceIp: "192.0.2.7", actorType: "user" });
  });

  it("refuses a wrong password, an unknown email and a deactivated user, auditing each without the password", async () => {
    await createUser({ email: "gone@example.org", role: "sender", password: PASSWORD, deactivated: true });
    const attempts = [
      { email: "sender@example.org", password: "wrong password, long enough" },
      { email: "nobody@example.org", password: PASSWORD },
      { email: "gone@example.org", password: PASSWORD },
      { email: "not an email", password: PASSWORD },
    ];
    for (const attempt of attempts) expect(await verifyCredentials(attempt, null)).toBeNull();
    const failures = await auditEvents("user.sign_in_failed");
    expect(failures.map((e) => JSON.parse(e.data).reason)).toEqual(["wrong-password", "unknown-email", "deactivated", "invalid-input"]);
    for (const event of failures) {
      expect(event.outcome).toBe("failure");
      expect(event.data).not.toContain(PASSWORD);
      expect(event.data).not.toContain("wrong password");
    }
  });
});

describe("getActor", () => {
  it("re-reads role and deactivation from the database", async () => {
    const user = await createUser({ email: "changing@example.org", role: "sender", password: PASSWORD });
    expect((await getActor(user.id))?.role).toBe("sender");
    await getDb().user.update({ where: { id: user.id }, data: { role: "compliance" } });
    expect((await getActor(user.id))?.role).toBe("compliance");
    await getDb().user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await getActor(user.id)).toBeNull();
    expect(await getActor("no-such-user")).toBeNull();
  });
});

describe("admin setup links", () => {
  it("stores only a hash, and a newer link replaces the older one", async () => {
    const first = tokenFrom((await createAdminSetupLink())!);
    const second = tokenFrom((await createAdminSetupLink())!);
    expect(await getDb().accessToken.count({ where: { tokenHash: first } })).toBe(0);
    expect(await getDb().accessToken.count({ where: { tokenHash: hashToken(first), purpose: "admin-setup" } })).toBe(1);
    expect(await isAdminSetupTokenUsable(first)).toBe(false);
    expect(await isAdminSetupTokenUsable(second)).toBe(true);
    await expect(completeAdminSetup(first, { name: "Ada", email: "ada@example.org", password: PASSWORD })).rejects.toMatchObject({
      code: "invalid-token",
    });
  });

  it("expires after 24 hours", async () => {
    const token = tokenFrom((await createAdminSetupLink())!);
    const later = new Date(Date.now() + 24 * 60 * 60 * 1000 + 1000);
    expect(await isAdminSetupTokenUsable(token, later)).toBe(false);
    await expect(completeAdminSetup(token, { name: "Ada", email: "ada@example.org", password: PASSWORD }, { now: later })).rejects.toMatchObject({
      code: "invalid-token",
    });
    expect(await getDb().user.count({ where: { role: "admin" } })).toBe(0);
  });

  it("keeps the link usable when the attempt fails, then works exactly once", async () => {
    const token = tokenFrom((await createAdminSetupLink())!);
    await expect(completeAdminSetup(token, { name: "Ada", email: "ada@example.org", password: "short" })).rejects.toMatchObject({
      code: "invalid-input",
    });
    await expect(completeAdminSetup(token, { name: "Ada", email: "sender@example.org", password: PASSWORD })).rejects.toMatchObject({
      code: "email-taken",
    });
    expect(await isAdminSetupTokenUsable(token)).toBe(true);

    const { userId } = await completeAdminSetup(token, { name: "Ada", email: "Ada@Example.org", password: PASSWORD }, { sourceIp: "192.0.2.9" });
    const admin = await getDb().user.findUniqueOrThrow({ where: { id: userId } });
    expect(admin).toMatchObject({ role: "admin", email: "ada@example.org", name: "Ada" });
    expect(await verifyPassword(admin.passwordHash, PASSWORD)).toBe(true);
    const tokenRow = await getDb().accessToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(tokenRow.consumedAt).not.toBeNull();
    const created = (await auditEvents("user.created")).filter((e) => e.actorId === userId);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ outcome: "success", sourceIp: "192.0.2.9" });

    const again = completeAdminSetup(token, { name: "Eve", email: "eve@example.org", password: PASSWORD });
    await expect(again).rejects.toBeInstanceOf(AdminSetupError);
    await expect(again).rejects.toMatchObject({ code: "invalid-token" });
    expect(await getDb().user.count({ where: { role: "admin" } })).toBe(1);
    expect(await createAdminSetupLink()).toBeNull();
    expect(await verifyCredentials({ email: "ada@example.org", password: PASSWORD }, null)).toMatchObject({ role: "admin" });
  });
});

describe("message status and admin reads", () => {
  async function createMessage(senderUserId: string | null) {
    return getDb().message.create({
      data: {
        source: "api",
        senderUserId,
        envelopeFrom: "owner@example.org",
        fromName: "Owner Person",
        fromAddress: "owner@example.org",
        sizeBytes: 100,
        dataKeyId: "k1-test",
        recipients: {
          create: [
            {
              address: "bob@tls.example",
              domain: "tls.example",
              status: "delivered",
              tlsProtocol: "TLSv1.3",
              tlsCipher: "TLS_AES_256_GCM_SHA384",
              attempts: {
                create: [
                  { startedAt: new Date(), durationMs: 42, mxHost: "mx.tls.example", mxIp: "127.0.0.2", port: 25, tlsProtocol: "TLSv1.3", smtpReplies: "[]", outcome: "delivered" },
                ],
              },
            },
            { address: "carol@plain.example", domain: "plain.example", status: "escrowed", outcomeClass: "starttls-not-supported" },
          ],
        },
      },
      include: { recipients: true },
    });
  }

  it("shows a message to its sender and to admins, and audits anyone else's attempt", async () => {
    const owner = await createUser({ email: "owner@example.org", role: "sender" });
    const other = await createUser({ email: "other@example.org", role: "sender" });
    const recipientRole = await createUser({ email: "reader@example.org", role: "recipient" });
    const admin = (await getActor((await getDb().user.findUniqueOrThrow({ where: { email: "ada@example.org" } })).id))!;
    const message = await createMessage(owner.id);

    const seen = await getMessageStatus(owner, message.id);
    expect(seen?.recipients.map((r) => [r.address, r.status])).toEqual([
      ["bob@tls.example", "delivered"],
      ["carol@plain.example", "escrowed"],
    ]);
    expect(seen?.recipients[0]?.attempts[0]).toMatchObject({ mxHost: "mx.tls.example", tlsProtocol: "TLSv1.3", durationMs: 42 });
    expect(seen).not.toHaveProperty("senderUserId");
    expect(seen).not.toHaveProperty("wrappedDataKey");
    expect((await getMessageStatus(admin, message.id))?.id).toBe(message.id);

    expect(await getMessageStatus(other, message.id, { sourceIp: "192.0.2.66" })).toBeNull();
    expect(await getMessageStatus(recipientRole, message.id)).toBeNull();
    expect(await getMessageStatus(other, "no-such-message")).toBeNull();
    const denied = (await auditEvents("access.denied")).filter((e) => e.messageId === message.id);
    expect(denied.map((e) => [e.actorId, e.outcome])).toEqual([
      [other.id, "denied"],
      [recipientRole.id, "denied"],
    ]);
    expect(denied[0]?.sourceIp).toBe("192.0.2.66");

    const counts = await countRecipientsByStatus(admin);
    expect(counts.find((c) => c.status === "escrowed")?.count).toBe(1);
    expect(counts.find((c) => c.status === "bounced")?.count).toBe(0);
    await expect(countRecipientsByStatus(owner)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listDevMailbox(owner)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("lists captured notifications newest first for admins only", async () => {
    const admin = (await getActor((await getDb().user.findUniqueOrThrow({ where: { email: "ada@example.org" } })).id))!;
    const capture = (subject: string, createdAt: Date) =>
      getDb().devMailboxMessage.create({
        data: { envelopeFrom: "n@example.org", envelopeTo: "r@example.net", subject, text: "t", html: "<p>h</p>", createdAt },
      });
    await capture("older", new Date(Date.now() - 60_000));
    const newer = await capture("newer", new Date());
    expect((await listDevMailbox(admin)).map((m) => m.subject)).toEqual(["newer", "older"]);
    expect(await getDevMailboxEntry(admin, newer.id)).toMatchObject({ subject: "newer", html: "<p>h</p>", text: "t" });
    expect(await getDevMailboxEntry(admin, "missing")).toBeNull();
    const sender = await createUser({ email: "mailbox-snoop@example.org", role: "sender" });
    await expect(getDevMailboxEntry(sender, newer.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
