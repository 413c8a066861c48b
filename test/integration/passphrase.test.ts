import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AccessDeniedError, type Actor, type Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { setRecipientPassphrase } from "@/lib/portal/passphrase/set-passphrase";
import { verifyRecipientPassphrase } from "@/lib/portal/passphrase/verify-passphrase";
import { getRecipientAccess, RecipientAccessBlockedError, requireRecipientAccess } from "@/lib/portal/require-message-access";

// Sender-set passphrases against this file's own SQLite copy: who may set one, the 5-failure lock, and the access
// gate's view of it (lib/portal/require-message-access.ts).

const PASSPHRASE = "blue tractor 42";
const MINUTE = 60_000;

async function createUser(email: string, role: Role): Promise<Actor> {
  const user = await getDb().user.create({ data: { email, name: email.split("@")[0] ?? "user", role } });
  return { id: user.id, email: user.email, name: user.name, role };
}

/** An escrowed message from `sender` to `address`; returns the Recipient row id. */
async function escrowedMessage(sender: Actor, address: string): Promise<string> {
  return getDb().$transaction(async (tx) => {
    const message = await tx.message.create({
      data: {
        source: "portal", senderUserId: sender.id, envelopeFrom: sender.email, fromName: sender.name,
        fromAddress: sender.email, sizeBytes: 100, dataKeyId: "test",
      },
    });
    const recipient = await tx.recipient.create({
      data: { messageId: message.id, address, domain: address.split("@")[1] ?? "", status: "escrowed" },
    });
    return recipient.id;
  });
}

async function setup(suffix: string) {
  const sender = await createUser(`sender-${suffix}@corp.example`, "sender");
  const reader = await createUser(`reader-${suffix}@client.example`, "recipient");
  const recipientId = await escrowedMessage(sender, `Reader-${suffix}@Client.example`);
  return { sender, reader, recipientId };
}

async function events(type: string, recipientId: string) {
  return getDb().auditEvent.findMany({ where: { type, recipientId }, orderBy: { seq: "asc" } });
}

describe("setRecipientPassphrase", () => {
  it("lets only the message's sender set it, stores an argon2id hash and audits passphrase.set", async () => {
    const { sender, reader, recipientId } = await setup("set");
    const otherSender = await createUser("other-sender@corp.example", "sender");
    const admin = await createUser("admin-set@corp.example", "admin");
    for (const actor of [otherSender, reader, admin]) {
      await expect(setRecipientPassphrase(actor, recipientId, PASSPHRASE)).rejects.toBeInstanceOf(AccessDeniedError);
    }
    const denied = await getDb().auditEvent.findMany({ where: { type: "access.denied", actorId: { in: [otherSender.id, reader.id, admin.id] } } });
    expect(denied).toHaveLength(3);
    await expect(setRecipientPassphrase(sender, "no-such-recipient", PASSPHRASE)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(setRecipientPassphrase(sender, recipientId, "12345")).rejects.toBeInstanceOf(ZodError);
    expect((await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } })).passphraseHash).toBeNull();

    await setRecipientPassphrase(sender, recipientId, PASSPHRASE, { sourceIp: "192.0.2.1" });
    const row = await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } });
    expect(row.passphraseHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [event] = await events("passphrase.set", recipientId);
    expect(event).toMatchObject({ actorId: sender.id, outcome: "success", sourceIp: "192.0.2.1", messageId: row.messageId });
    expect(event?.data).not.toContain(PASSPHRASE);
  });
});

describe("verifyRecipientPassphrase", () => {
  it("keeps the message closed until the right passphrase, then opens it for the recipient", async () => {
    const { sender, reader, recipientId } = await setup("open");
    expect((await getRecipientAccess(reader, recipientId)).state).toBe("open");
    await setRecipientPassphrase(sender, recipientId, PASSPHRASE);
    expect((await getRecipientAccess(reader, recipientId)).state).toBe("passphrase-required");
    await expect(requireRecipientAccess(reader, recipientId)).rejects.toBeInstanceOf(RecipientAccessBlockedError);

    expect(await verifyRecipientPassphrase(reader, recipientId, PASSPHRASE, { sourceIp: "198.51.100.4" })).toEqual({ status: "verified" });
    const row = await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } });
    expect(row.passphraseVerifiedAt).not.toBeNull();
    expect(row.passphraseFailures).toBe(0);
    expect((await getRecipientAccess(reader, recipientId)).state).toBe("open");
    const [event] = await events("passphrase.verified", recipientId);
    expect(event).toMatchObject({ actorId: reader.id, sourceIp: "198.51.100.4", outcome: "success" });

    // A new passphrase from the sender closes the message again until it is entered.
    await setRecipientPassphrase(sender, recipientId, "another one 77");
    expect((await getRecipientAccess(reader, recipientId)).state).toBe("passphrase-required");
    expect(await verifyRecipientPassphrase(reader, recipientId, PASSPHRASE)).toEqual({ status: "wrong", attemptsLeft: 4 });
    expect(await verifyRecipientPassphrase(reader, recipientId, "another one 77")).toEqual({ status: "verified" });
  });

  it("locks for 15 minutes after 5 wrong answers, refuses even the right one meanwhile, and audits each", async () => {
    const { sender, reader, recipientId } = await setup("lock");
    await setRecipientPassphrase(sender, recipientId, PASSPHRASE);
    const start = new Date();
    for (const left of [4, 3, 2, 1]) {
      expect(await verifyRecipientPassphrase(reader, recipientId, "wrong guess", { now: start })).toEqual({ status: "wrong", attemptsLeft: left });
    }
    const fifth = await verifyRecipientPassphrase(reader, recipientId, "wrong guess", { now: start });
    expect(fifth).toEqual({ status: "locked", lockedUntil: new Date(start.getTime() + 15 * MINUTE) });
    const locked = await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } });
    expect(locked).toMatchObject({ passphraseFailures: 5, passphraseVerifiedAt: null });

    const during = new Date(start.getTime() + 14 * MINUTE);
    expect((await verifyRecipientPassphrase(reader, recipientId, PASSPHRASE, { now: during })).status).toBe("locked");
    expect((await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } })).passphraseVerifiedAt).toBeNull();

    const failures = await events("passphrase.failed", recipientId);
    expect(failures.map((e) => JSON.parse(e.data))).toEqual([
      { reason: "wrong", attempt: 1, locked: false },
      { reason: "wrong", attempt: 2, locked: false },
      { reason: "wrong", attempt: 3, locked: false },
      { reason: "wrong", attempt: 4, locked: false },
      { reason: "wrong", attempt: 5, locked: true },
      { reason: "locked" },
    ]);
    for (const event of failures) expect(event.data).not.toContain("wrong guess");

    // After the lock: a fresh set of attempts, and the right passphrase opens the message.
    const after = new Date(start.getTime() + 16 * MINUTE);
    expect(await verifyRecipientPassphrase(reader, recipientId, "still wrong", { now: after })).toEqual({ status: "wrong", attemptsLeft: 4 });
    expect(await verifyRecipientPassphrase(reader, recipientId, PASSPHRASE, { now: after })).toEqual({ status: "verified" });
  });

  it("counts parallel guesses before comparing, so they never get more than 5 tries", async () => {
    const { sender, reader, recipientId } = await setup("race");
    await setRecipientPassphrase(sender, recipientId, PASSPHRASE);
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => verifyRecipientPassphrase(reader, recipientId, `guess ${i}`)));
    expect(results.filter((r) => r.status === "wrong")).toHaveLength(4);
    expect(results.filter((r) => r.status === "locked")).toHaveLength(5);
    const compared = (await events("passphrase.failed", recipientId)).filter((e) => JSON.parse(e.data).reason === "wrong");
    expect(compared).toHaveLength(5);
    expect((await verifyRecipientPassphrase(reader, recipientId, PASSPHRASE)).status).toBe("locked");
  });

  it("refuses (and audits) anyone but the recipient, and a revoked message", async () => {
    const { sender, reader, recipientId } = await setup("who");
    const stranger = await createUser("stranger@client.example", "recipient");
    await setRecipientPassphrase(sender, recipientId, PASSPHRASE);
    await expect(verifyRecipientPassphrase(stranger, recipientId, PASSPHRASE)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(verifyRecipientPassphrase(sender, recipientId, PASSPHRASE)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await getDb().auditEvent.count({ where: { type: "access.denied", actorId: { in: [stranger.id, sender.id] } } })).toBe(2);
    expect((await getDb().recipient.findUniqueOrThrow({ where: { id: recipientId } })).passphraseFailures).toBe(0);

    await getDb().$transaction((tx) => tx.recipient.update({ where: { id: recipientId }, data: { revokedAt: new Date() } }));
    await expect(verifyRecipientPassphrase(reader, recipientId, PASSPHRASE)).rejects.toBeInstanceOf(RecipientAccessBlockedError);
  });
});
