import { beforeAll, describe, expect, it } from "vitest";

const { getDb } = await import("@/lib/db");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { escrowRecipient } = await import("@/lib/escrow/escrow-recipient");
const { formatSealpostMessageId } = await import("@/lib/intake/sealpost-message-id");
const { claimJobs } = await import("@/lib/queue/claim-jobs");
const { runDeliverJob } = await import("@/lib/delivery/run-deliver-job");

const db = getDb();

function mime(headers: string, body = "Hello."): Buffer {
  return Buffer.from(`From: "Alice Sender" <alice@org.example>\r\nTo: bob@ext.example\r\nSubject: Numbers\r\n${headers}\r\n${body}\r\n`);
}

async function accept(recipients: string[], extra: { headers?: string; inReplyToId?: string; threadId?: string } = {}) {
  const result = await acceptMessage({
    source: "smtp",
    raw: mime(extra.headers ?? ""),
    envelopeFrom: "alice@org.example",
    recipients,
    actor: { type: "smtp-client", id: null },
    inReplyToId: extra.inReplyToId,
    threadId: extra.threadId,
  });
  return db.message.findUniqueOrThrow({ where: { id: result.messageId }, include: { recipients: true, thread: true } });
}

async function escrowAll(messageId: string) {
  const rows = await db.recipient.findMany({ where: { messageId } });
  await db.$transaction(async (tx) => {
    for (const row of rows) await escrowRecipient(tx, { recipientId: row.id, messageId, failureClass: null, reason: "test" });
  });
}

beforeAll(async () => {
  await db.user.createMany({
    data: [
      { email: "alice@org.example", name: "Alice Sender", role: "sender" },
      { email: "carl@org.example", name: "Carl Compliance", role: "compliance" },
      { email: "bob@ext.example", name: "Bob Recipient", role: "recipient" },
    ],
  });
});

describe("threads", () => {
  it("puts every accepted message in a new thread of its own unless it answers one", async () => {
    const first = await accept(["bob@ext.example"]);
    const second = await accept(["bob@ext.example"]);
    expect(first.threadId).toBeTruthy();
    expect(second.threadId).toBeTruthy();
    expect(second.threadId).not.toBe(first.threadId);
    expect(first.thread?.secure).toBe(false);
    expect(first.inReplyToId).toBeNull();
  });

  it("marks the thread secure when a recipient is escrowed, and escrows later external mail in it", async () => {
    const original = await accept(["bob@ext.example"]);
    await escrowAll(original.id);
    expect((await db.thread.findUniqueOrThrow({ where: { id: original.threadId! } })).secure).toBe(true);

    const followUp = await accept(["bob@ext.example"], { inReplyToId: original.id });
    expect(followUp.threadId).toBe(original.threadId);
    expect(followUp.inReplyToId).toBe(original.id);
    expect(followUp.forceEscrow).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: "message.accepted", messageId: followUp.id } });
    expect(JSON.parse(audit.data)).toMatchObject({ forceEscrow: true, secureThread: true });

    // The same people in a new conversation: plain forced-TLS delivery as usual.
    const fresh = await accept(["bob@ext.example"]);
    expect(fresh.threadId).not.toBe(original.threadId);
    expect(fresh.forceEscrow).toBe(false);

    // Staff-only follow-ups stay inside the organisation and are not forced to the portal.
    const internal = await accept(["carl@org.example", "alice@org.example"], { threadId: original.threadId! });
    expect(internal.threadId).toBe(original.threadId);
    expect(internal.forceEscrow).toBe(false);
  });

  it("never connects to deliver a follow-up in a secure thread: the worker escrows it", async () => {
    const original = await accept(["dora@ext.example"]);
    await escrowAll(original.id);
    const followUp = await accept(["dora@ext.example"], { inReplyToId: original.id });
    const jobs = await claimJobs("test-worker", 100, 60_000);
    const job = jobs.find((claimed) => claimed.messageId === followUp.id && claimed.kind === "deliver");
    expect(job).toBeDefined();
    await runDeliverJob(job!);
    const row = await db.recipient.findFirstOrThrow({ where: { messageId: followUp.id }, include: { attempts: true } });
    expect(row.status).toBe("escrowed");
    expect(row.attempts).toHaveLength(0);
  });

  it("threads SMTP mail by In-Reply-To / References naming a Sealpost Message-ID", async () => {
    const original = await accept(["erin@ext.example"]);
    await escrowAll(original.id);
    const ours = formatSealpostMessageId(original.id, "mail.org.example");

    const reply = await accept(["erin@ext.example"], { headers: `In-Reply-To: ${ours}\r\nReferences: <x@client.example> ${ours}\r\n` });
    expect(reply.threadId).toBe(original.threadId);
    expect(reply.inReplyToId).toBe(original.id);
    expect(reply.forceEscrow).toBe(true);

    // Only References (folded over two lines): same thread, but it answers no single known message.
    const later = await accept(["erin@ext.example"], {
      headers: `In-Reply-To: <foreign@client.example>\r\nReferences: ${ours}\r\n ${formatSealpostMessageId(reply.id, "mail.org.example")}\r\n`,
    });
    expect(later.threadId).toBe(original.threadId);
    expect(later.inReplyToId).toBeNull();
    expect(later.forceEscrow).toBe(true);

    // Message-IDs Sealpost did not mint (or ids of messages that do not exist) start a new thread.
    const unknown = await accept(["erin@ext.example"], {
      headers: `In-Reply-To: <00000000-0000-4000-8000-000000000000.sealpost@mail.org.example>\r\nReferences: <abc@client.example>\r\n`,
    });
    expect(unknown.threadId).not.toBe(original.threadId);
    expect(unknown.forceEscrow).toBe(false);
  });

  it("gives a message from before threads existed a thread on its first reply", async () => {
    const legacy = await accept(["fay@ext.example"]);
    await db.$transaction(async (tx) => {
      await tx.message.update({ where: { id: legacy.id }, data: { threadId: null } });
    });
    const reply = await accept(["fay@ext.example"], { inReplyToId: legacy.id });
    const reloaded = await db.message.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(reloaded.threadId).toBeTruthy();
    expect(reply.threadId).toBe(reloaded.threadId);
  });

  it("rolls the thread back with the message when the accept transaction fails", async () => {
    const threadsBefore = await db.thread.count();
    await expect(
      acceptMessage({
        source: "portal",
        raw: mime(""),
        envelopeFrom: "alice@org.example",
        recipients: ["gil@ext.example"],
        actor: { type: "system" },
        afterInsert: async () => {
          throw new Error("simulated failure after insert");
        },
      }),
    ).rejects.toThrow("simulated failure after insert");
    expect(await db.thread.count()).toBe(threadsBefore);
    expect(await db.recipient.count({ where: { address: "gil@ext.example" } })).toBe(0);
  });
});
