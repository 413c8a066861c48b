import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { INBOX_PAGE_SIZE, listInbox } from "@/lib/portal/inbox/list-inbox";
import { createTestUser, seedEscrowedMessage } from "@/test/support/seed-escrowed-message";

const db = getDb();
const bob = await createTestUser({ email: "bob@recipient.test", name: "Bob", role: "recipient" });
const carol = await createTestUser({ email: "carol@recipient.test", name: "Carol", role: "recipient" });
const alice = await createTestUser({ email: "alice@sender.test", name: "Alice", role: "sender" });

// Distinct creation times so "newest first" is well defined.
async function seedAt(minutesAgo: number, input: Parameters<typeof seedEscrowedMessage>[0]) {
  const seeded = await seedEscrowedMessage(input);
  const at = new Date(Date.now() - minutesAgo * 60_000);
  await db.$transaction(async (tx) => {
    await tx.message.update({ where: { id: seeded.messageId }, data: { createdAt: at } });
    await tx.recipient.updateMany({ where: { messageId: seeded.messageId }, data: { createdAt: at } });
  });
  return seeded;
}

const oldest = await seedAt(30, { to: ["bob@recipient.test"], from: "Dora Doctor <dora@clinic.test>", subject: "Lab results" });
const middle = await seedAt(20, { to: ["Bob@Recipient.test", "carol@recipient.test"], from: "Erin Lawyer <erin@law.test>", subject: "Contract draft v2" });
const newest = await seedAt(10, { to: ["bob@recipient.test"], from: "Frank <frank@bank.test>", subject: "" });
// A reply escrowed for a sender shows in the sender's own inbox.
await seedAt(5, { to: ["alice@sender.test"], from: "Bob <bob@recipient.test>", subject: "Re: Contract" });
// Not escrowed (delivered over TLS): never in the portal inbox.
const delivered = await seedAt(1, { to: ["bob@recipient.test"], subject: "Delivered normally" });
await db.$transaction((tx) => tx.recipient.updateMany({ where: { messageId: delivered.messageId }, data: { status: "delivered" } }));

describe("inbox", () => {
  it("lists the person's escrowed messages across senders, newest first, with unread, expiry and closed states", async () => {
    await db.$transaction(async (tx) => {
      await tx.recipient.update({ where: { id: oldest.recipients[0]!.id }, data: { revokedAt: new Date() } });
      await tx.recipient.update({ where: { id: newest.recipients[0]!.id }, data: { firstViewedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) } });
    });
    const inbox = await listInbox(bob);
    expect(inbox.total).toBe(3);
    expect(inbox.items.map((item) => [item.senderName, item.subject, item.state, item.unread])).toEqual([
      ["Frank", "", "open", false],
      ["Erin Lawyer", "Contract draft v2", "open", true],
      ["Dora Doctor", "Lab results", "revoked", true],
    ]);
    expect(inbox.items[0]!.expiresAt).toBeInstanceOf(Date);
    expect(inbox.items[1]!.recipientId).toBe(middle.recipients[0]!.id);

    await db.$transaction((tx) => tx.recipient.update({ where: { id: newest.recipients[0]!.id }, data: { expiresAt: new Date(Date.now() - 1000) } }));
    expect((await listInbox(bob)).items[0]!.state).toBe("expired");

    const carols = await listInbox(carol);
    expect(carols.items.map((item) => item.recipientId)).toEqual([middle.recipients[1]!.id]);
    expect((await listInbox(alice)).items.map((item) => item.subject)).toEqual(["Re: Contract"]);
  });

  it("searches sender and (decrypted) subject case-insensitively, only within the person's own messages", async () => {
    expect((await listInbox(bob, { query: "LAWYER" })).items.map((i) => i.senderName)).toEqual(["Erin Lawyer"]);
    expect((await listInbox(bob, { query: "clinic.test" })).items.map((i) => i.senderName)).toEqual(["Dora Doctor"]);
    expect((await listInbox(bob, { query: "lab RESULTS" })).items.map((i) => i.subject)).toEqual(["Lab results"]);
    const none = await listInbox(bob, { query: "Re: Contract" });
    expect(none.items).toEqual([]);
    expect(none.total).toBe(0);
    expect((await listInbox(carol, { query: "lab" })).items).toEqual([]);
  });

  it("pages through a long inbox", async () => {
    const dave = await createTestUser({ email: "dave@recipient.test", name: "Dave", role: "recipient" });
    for (let i = 0; i < INBOX_PAGE_SIZE + 2; i += 1) await seedAt(100 - i, { to: [dave.email], subject: `Number ${i}` });
    const first = await listInbox(dave);
    expect([first.total, first.pageCount, first.items.length]).toEqual([INBOX_PAGE_SIZE + 2, 2, INBOX_PAGE_SIZE]);
    expect(first.items[0]!.subject).toBe(`Number ${INBOX_PAGE_SIZE + 1}`);
    const second = await listInbox(dave, { page: 2 });
    expect(second.items.map((i) => i.subject)).toEqual(["Number 1", "Number 0"]);
    expect((await listInbox(dave, { page: 99 })).page).toBe(2);
    // "Number 1" and "Number 10" … "Number 19".
    expect((await listInbox(dave, { query: "number 1" })).total).toBe(11);
  });
});
