import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { readMessageMime } from "@/lib/escrow/read-message-content";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { acceptMessage } from "@/lib/intake/accept-message";
import { applyRetention } from "@/lib/retention/apply-retention";
import { getMessageRetention } from "@/lib/retention/get-message-retention";
import { releaseLegalHold } from "@/lib/retention/release-legal-hold";
import { RetentionError } from "@/lib/retention/retention-error";
import { setRetentionDefaults } from "@/lib/retention/retention-settings";
import { setLegalHold } from "@/lib/retention/set-legal-hold";
import { setMessageRetention } from "@/lib/retention/set-message-retention";
import { shredMessage } from "@/lib/retention/shred-message";
import { seedEscrowedMessage } from "@/test/support/seed-escrowed-message";

const db = getDb();
const DAY = 86_400_000;

async function createUser(email: string, role: Actor["role"]): Promise<Actor> {
  const user = await db.$transaction((tx) => tx.user.create({ data: { email, name: email.split("@")[0]!, role, emailVerifiedAt: new Date() } }));
  return { id: user.id, email: user.email, name: user.name, role };
}

const eventsOf = (type: string, messageId: string) => db.auditEvent.findMany({ where: { type, messageId }, orderBy: { seq: "asc" } });
const dataOf = async (type: string, messageId: string) => (await eventsOf(type, messageId)).map((event) => JSON.parse(event.data) as unknown);

function refusedWith(code: RetentionError["code"]) {
  return expect.objectContaining({ name: "RetentionError", code });
}

let admin: Actor;
let officer: Actor;
let sender: Actor;
let recipient: Actor;

beforeAll(async () => {
  admin = await createUser("ada@admin.test", "admin");
  officer = await createUser("cora@compliance.test", "compliance");
  sender = await createUser("sally@sender.test", "sender");
  recipient = await createUser("bob@recipient.test", "recipient");
  await setRetentionDefaults(admin, { accessDays: 30, retentionDays: 30 });
});

describe("per-message retention, legal hold and manual shredding", () => {
  it("sets and clears a message's own retention date, audited with before and after", async () => {
    const { messageId } = await seedEscrowedMessage({ to: ["bob@recipient.test"] });
    const view = await getMessageRetention(officer, messageId);
    expect(view).toMatchObject({ source: "default", retentionDays: 30, retainUntil: null, legalHold: false, shreddedAt: null, deliveryPending: false });
    expect(view!.effectiveEnd!.getTime()).toBe(view!.createdAt.getTime() + 30 * DAY);

    await expect(setMessageRetention(officer, messageId, new Date(Date.now() - 1_000))).rejects.toEqual(refusedWith("invalid-date"));
    await expect(setMessageRetention(officer, messageId, new Date(Date.now() + 101 * 365 * DAY))).rejects.toEqual(refusedWith("invalid-date"));
    await expect(setMessageRetention(officer, messageId, new Date(Number.NaN))).rejects.toEqual(refusedWith("invalid-date"));

    const until = new Date(Date.now() + 400 * DAY);
    expect(await setMessageRetention(officer, messageId, until, { sourceIp: "192.0.2.9" })).toEqual({ before: null, after: until });
    expect(await getMessageRetention(admin, messageId)).toMatchObject({ source: "override", retainUntil: until, effectiveEnd: until });
    // The same date again: no change, no event.
    await setMessageRetention(admin, messageId, until);
    await setMessageRetention(admin, messageId, null);
    const events = await eventsOf("retention.changed", messageId);
    expect(events.map((event) => [event.actorId, event.sourceIp])).toEqual([[officer.id, "192.0.2.9"], [admin.id, null]]);
    expect(events.map((event) => JSON.parse(event.data))).toEqual([
      { scope: "message", before: { retainUntil: null }, after: { retainUntil: until.toISOString() } },
      { scope: "message", before: { retainUntil: until.toISOString() }, after: { retainUntil: null } },
    ]);
  });

  it("a legal hold blocks manual shredding and the retention job until it is released", async () => {
    const { messageId } = await seedEscrowedMessage({ to: ["bob@recipient.test"] });
    await expect(setLegalHold(officer, messageId, "  abc ")).rejects.toEqual(refusedWith("invalid-reason"));
    await expect(setLegalHold(officer, messageId, "x".repeat(501))).rejects.toEqual(refusedWith("invalid-reason"));
    await expect(setLegalHold(officer, messageId, "Case\u0000 17")).rejects.toEqual(refusedWith("invalid-reason"));
    await expect(releaseLegalHold(officer, messageId, undefined)).rejects.toEqual(refusedWith("not-on-hold"));

    await setLegalHold(officer, messageId, "  Litigation: Smith v. Example Ltd  ");
    await expect(setLegalHold(admin, messageId, "Another matter")).rejects.toEqual(refusedWith("already-on-hold"));
    expect(await getMessageRetention(officer, messageId)).toMatchObject({ legalHold: true, legalHoldReason: "Litigation: Smith v. Example Ltd" });

    await expect(shredMessage(officer, messageId)).rejects.toEqual(refusedWith("legal-hold"));
    // Past its retention end, the job keeps it and counts it.
    await db.$transaction((tx) => tx.message.update({ where: { id: messageId }, data: { createdAt: new Date(Date.now() - 31 * DAY) } }));
    const run = await applyRetention();
    expect(run.onHold).toBeGreaterThanOrEqual(1);
    expect((await readMessageMime(messageId)).length).toBeGreaterThan(0);

    await expect(releaseLegalHold(officer, messageId, "abc")).rejects.toEqual(refusedWith("invalid-reason"));
    await releaseLegalHold(admin, messageId, "Case settled");
    const shred = await shredMessage(officer, messageId, { sourceIp: "192.0.2.10" });
    await expect(readMessageMime(messageId)).rejects.toBeInstanceOf(ShreddedError);
    expect(await db.messagePart.count({ where: { messageId } })).toBe(0);
    expect(await getMessageRetention(officer, messageId)).toMatchObject({ shreddedAt: shred.shreddedAt, legalHold: false });

    expect(await dataOf("legal_hold.set", messageId)).toEqual([{ reason: "Litigation: Smith v. Example Ltd" }]);
    expect(await dataOf("legal_hold.released", messageId)).toEqual([{ reason: "Case settled", heldFor: "Litigation: Smith v. Example Ltd" }]);
    const [shredded, ...again] = await eventsOf("message.shredded", messageId);
    expect(again).toHaveLength(0);
    expect(shredded).toMatchObject({ actorType: "user", actorId: officer.id, sourceIp: "192.0.2.10" });
    expect(JSON.parse(shredded!.data)).toEqual({ reason: "manual" });

    // Nothing can be changed on a shredded message, and saying so is a clear refusal.
    await expect(shredMessage(officer, messageId)).rejects.toEqual(refusedWith("message-shredded"));
    await expect(setLegalHold(officer, messageId, "Too late now")).rejects.toEqual(refusedWith("message-shredded"));
    await expect(setMessageRetention(officer, messageId, new Date(Date.now() + DAY))).rejects.toEqual(refusedWith("message-shredded"));
    await expect(releaseLegalHold(officer, messageId, null)).rejects.toEqual(refusedWith("message-shredded"));
    await expect(shredMessage(officer, "no-such-message")).rejects.toEqual(refusedWith("message-not-found"));
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("does not shred by hand while a recipient is still being delivered", async () => {
    const raw = Buffer.from("From: a@sender.test\r\nTo: q@queued.test\r\nSubject: Queued\r\n\r\nStill being delivered.\r\n");
    const { messageId } = await acceptMessage({ source: "api", raw, envelopeFrom: "a@sender.test", recipients: ["q@queued.test"], actor: { type: "system" } });
    expect(await getMessageRetention(officer, messageId)).toMatchObject({ deliveryPending: true });
    await expect(shredMessage(officer, messageId)).rejects.toEqual(refusedWith("still-delivering"));
    expect((await readMessageMime(messageId)).length).toBeGreaterThan(0);
  });

  it("refuses senders and recipients, even for their own messages, and audits the refusal", async () => {
    const { messageId } = await seedEscrowedMessage({ to: ["bob@recipient.test"], senderUserId: sender.id });
    for (const actor of [sender, recipient]) {
      await expect(setMessageRetention(actor, messageId, new Date(Date.now() + DAY))).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(setLegalHold(actor, messageId, "My own reason")).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(releaseLegalHold(actor, messageId, null)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(shredMessage(actor, messageId)).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(getMessageRetention(actor, messageId)).rejects.toBeInstanceOf(AccessDeniedError);
    }
    const denied = await db.auditEvent.findMany({ where: { type: "access.denied", messageId } });
    expect(denied).toHaveLength(8);
    expect(new Set(denied.map((event) => event.actorId))).toEqual(new Set([sender.id, recipient.id]));
    const message = await db.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message).toMatchObject({ retainUntil: null, legalHold: false, shreddedAt: null });
    expect(await db.auditEvent.count({ where: { messageId, type: { in: ["retention.changed", "legal_hold.set", "message.shredded"] } } })).toBe(0);
  });
});
