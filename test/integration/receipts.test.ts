import { describe, expect, it } from "vitest";

// Notices go to the sender's domain: point it at a closed loopback port so the direct attempt fails at once and
// the dev mailbox copy (on by default without a relay) is what counts as sent.
Object.assign(process.env, { TRANSPORT_MAP: "sender.test=127.0.0.1:9", CONNECT_TIMEOUT: "2s", GREETING_TIMEOUT: "2s", SOCKET_TIMEOUT: "2s" });

const { getDb } = await import("@/lib/db");
const { claimJobs } = await import("@/lib/queue/claim-jobs");
const { runNotifySenderJob } = await import("@/lib/notify/run-notify-sender-job");
const { recordFirstView } = await import("@/lib/portal/read/record-first-view");
const { requireRecipientAccess } = await import("@/lib/portal/require-message-access");
const { createTestUser, seedEscrowedMessage } = await import("@/test/support/seed-escrowed-message");

const db = getDb();
const SUBJECT = "Merger term sheet 5a1d";
const sender = await createTestUser({ email: "alice@sender.test", name: "Alice", role: "sender" });
const bob = await createTestUser({ email: "bob@recipient.test", name: "Bob", role: "recipient" });

async function runReceiptJobs(): Promise<number> {
  const jobs = (await claimJobs("receipt-test", 50, 30_000)).filter((job) => job.kind === "notify-sender");
  for (const job of jobs) await runNotifySenderJob(job);
  return jobs.length;
}

describe("read receipts", () => {
  it("records the first view once, with one opened event, webhook and receipt job; the sender gets one content-free receipt", async () => {
    const { messageId, recipients } = await seedEscrowedMessage({ to: ["bob@recipient.test"], subject: SUBJECT, senderUserId: sender.id });
    const recipientId = recipients[0]!.id;
    await db.$transaction((tx) =>
      tx.webhook.create({ data: { ownerUserId: sender.id, url: "https://hooks.sender.test/x", secretSealed: Buffer.from("unused"), secretKeyId: "k", events: "opened" } }),
    );
    const access = await requireRecipientAccess(bob, recipientId);

    expect(await recordFirstView(bob, access, { sourceIp: "203.0.113.9", userAgent: "Mozilla/5.0 test" })).toBe(true);
    expect(await recordFirstView(bob, access, { sourceIp: "203.0.113.10", userAgent: "again" })).toBe(false);

    const row = await db.recipient.findUniqueOrThrow({ where: { id: recipientId } });
    expect(row.firstViewedAt).toBeInstanceOf(Date);
    expect(row.firstViewIp).toBe("203.0.113.9");
    expect(row.firstViewUserAgent).toBe("Mozilla/5.0 test");
    expect(await db.auditEvent.count({ where: { type: "message.opened", recipientId } })).toBe(1);
    const deliveries = await db.webhookDelivery.findMany({ where: { event: "opened" } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.payload).not.toContain(SUBJECT);
    const jobs = await db.job.findMany({ where: { kind: "notify-sender", recipientId } });
    expect(jobs.map((job) => JSON.parse(job.payload))).toEqual([{ notice: "receipt" }]);

    expect(await runReceiptJobs()).toBe(1);
    const mails = await db.devMailboxMessage.findMany({ where: { envelopeTo: "alice@sender.test" } });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe("Opened: your secure message to bob@recipient.test");
    expect(mail.text).toContain("opened by bob@recipient.test");
    expect(mail.text).toContain(`/sent/${messageId}`);
    expect(mail.html).toContain(`/sent/${messageId}`);
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain(SUBJECT);
    const after = await db.recipient.findUniqueOrThrow({ where: { id: recipientId } });
    expect(after.receiptSentAt).toBeInstanceOf(Date);
    expect(await db.auditEvent.count({ where: { type: "receipt.sent", recipientId } })).toBe(1);

    // A duplicate receipt job (a retry after a crash) sends nothing more.
    await db.$transaction((tx) => tx.job.create({ data: { kind: "notify-sender", recipientId, messageId, payload: JSON.stringify({ notice: "receipt" }) } }));
    expect(await runReceiptJobs()).toBe(1);
    expect(await db.devMailboxMessage.count({ where: { envelopeTo: "alice@sender.test" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { type: "receipt.sent", recipientId } })).toBe(1);
  });

  it("never records a view of a revoked message, and a message without a sender account gets its receipt at the envelope sender", async () => {
    const revoked = await seedEscrowedMessage({ to: ["bob@recipient.test"] });
    const revokedId = revoked.recipients[0]!.id;
    const access = await requireRecipientAccess(bob, revokedId);
    await db.$transaction((tx) => tx.recipient.update({ where: { id: revokedId }, data: { revokedAt: new Date() } }));
    expect(await recordFirstView(bob, access, { sourceIp: null, userAgent: null })).toBe(false);
    expect((await db.recipient.findUniqueOrThrow({ where: { id: revokedId } })).firstViewedAt).toBeNull();

    const before = await db.devMailboxMessage.count({ where: { envelopeTo: "alice@sender.test" } });
    const plain = await seedEscrowedMessage({ to: ["bob@recipient.test"] });
    const plainAccess = await requireRecipientAccess(bob, plain.recipients[0]!.id);
    expect(await recordFirstView(bob, plainAccess, { sourceIp: null, userAgent: null })).toBe(true);
    expect(await runReceiptJobs()).toBe(1);
    expect(await db.devMailboxMessage.count({ where: { envelopeTo: "alice@sender.test" } })).toBe(before + 1);
  });
});
