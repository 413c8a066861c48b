import { beforeAll, describe, expect, it } from "vitest";

// The notification job must respect the sender's decisions made while it waited in the queue.
process.env.DEV_MAILBOX = "on";
process.env.TRANSPORT_MAP = "";

const { getDb } = await import("@/lib/db");
const { seedEscrowedMessage } = await import("@/test/support/seed-escrowed-message");
const { claimJobs } = await import("@/lib/queue/claim-jobs");
const { runNotifyRecipientJob } = await import("@/lib/notify/run-notify-recipient-job");

async function runNotifyJobFor(recipientId: string) {
  const jobs = await claimJobs("test-worker", 50, 60_000);
  const job = jobs.find((j) => j.kind === "notify-recipient" && j.recipientId === recipientId);
  expect(job).toBeDefined();
  return runNotifyRecipientJob(job!);
}

describe("notify-recipient job and the recipient's access window", () => {
  beforeAll(async () => {
    await getDb().$transaction((tx) => tx.job.deleteMany({}));
  });

  it("sends nothing for a recipient whose access was revoked while the job waited", async () => {
    const seeded = await seedEscrowedMessage({ to: ["revoked@recipient.test"] });
    const recipientId = seeded.recipients[0]!.id;
    await getDb().$transaction((tx) => tx.recipient.update({ where: { id: recipientId }, data: { revokedAt: new Date() } }));

    await runNotifyJobFor(recipientId);

    const db = getDb();
    expect(await db.accessToken.count({ where: { recipientId } })).toBe(0);
    expect(await db.devMailboxMessage.count({ where: { envelopeTo: "revoked@recipient.test" } })).toBe(0);
    expect((await db.recipient.findUniqueOrThrow({ where: { id: recipientId } })).notifiedAt).toBeNull();
  });

  it("sends nothing for a message whose content retention destroyed while the job waited", async () => {
    const seeded = await seedEscrowedMessage({ to: ["shredded@recipient.test"] });
    const recipientId = seeded.recipients[0]!.id;
    await getDb().$transaction(async (tx) => {
      await tx.messagePart.deleteMany({ where: { messageId: seeded.messageId } });
      await tx.message.update({ where: { id: seeded.messageId }, data: { wrappedDataKey: null, shreddedAt: new Date() } });
    });

    expect(await runNotifyJobFor(recipientId)).toEqual({ done: true });

    const db = getDb();
    expect(await db.accessToken.count({ where: { recipientId } })).toBe(0);
    expect(await db.devMailboxMessage.count({ where: { envelopeTo: "shredded@recipient.test" } })).toBe(0);
  });

  it("issues a link that ends no later than the recipient's access", async () => {
    const seeded = await seedEscrowedMessage({ to: ["soon@recipient.test"] });
    const recipientId = seeded.recipients[0]!.id;
    const accessEnds = new Date(Date.now() + 2 * 86_400_000);
    await getDb().$transaction((tx) => tx.recipient.update({ where: { id: recipientId }, data: { expiresAt: accessEnds } }));

    await runNotifyJobFor(recipientId);

    const db = getDb();
    const token = await db.accessToken.findFirstOrThrow({ where: { recipientId, purpose: "portal-access" } });
    expect(token.expiresAt.getTime()).toBe(accessEnds.getTime());
    expect(await db.devMailboxMessage.count({ where: { envelopeTo: "soon@recipient.test" } })).toBe(1);
  });
});
