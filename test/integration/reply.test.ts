import { beforeAll, describe, expect, it } from "vitest";

// A small overall limit, so the size rule can be tested without megabytes of data.
process.env.SMTP_MAX_MESSAGE_BYTES = "300000";

const { getDb } = await import("@/lib/db");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { escrowRecipient } = await import("@/lib/escrow/escrow-recipient");
const { readMessageMime } = await import("@/lib/escrow/read-message-content");
const { AccessDeniedError } = await import("@/lib/auth/roles");
const { sendReply } = await import("@/lib/portal/compose/send-reply");
const { composeMessage } = await import("@/lib/portal/compose/compose-message");
const { listThreadMessages } = await import("@/lib/portal/compose/list-thread-messages");
const { getReplyDraft } = await import("@/lib/portal/compose/get-reply-draft");

type Actor = import("@/lib/auth/roles").Actor;
const db = getDb();
const actors: Record<"alice" | "bob" | "mallory" | "carl", Actor> = {} as never;
let original = { messageId: "", bobRow: "", carolRow: "", threadId: "" };

const ORIGINAL = [
  'From: "Alice Sender" <alice@org.example>',
  'To: "Bob Recipient" <bob@ext.example>',
  "Cc: carol@ext.example, alice@org.example",
  "Subject: Contract draft",
  "Message-ID: <orig-1@client.org.example>",
  "References: <root-0@client.org.example>",
  "",
  "Please review the contract.",
  "Line two.",
  "",
].join("\r\n");

function file(name: string, content: string | Buffer): File {
  return new File([typeof content === "string" ? content : new Uint8Array(content)], name);
}

beforeAll(async () => {
  for (const [key, email, role] of [
    ["alice", "alice@org.example", "sender"],
    ["bob", "bob@ext.example", "recipient"],
    ["mallory", "mallory@ext.example", "recipient"],
    ["carl", "carl@org.example", "compliance"],
  ] as const) {
    const user = await db.user.create({ data: { email, name: key[0]!.toUpperCase() + key.slice(1), role } });
    actors[key] = { id: user.id, email, name: user.name, role };
  }
  const accepted = await acceptMessage({
    source: "smtp",
    raw: Buffer.from(ORIGINAL),
    envelopeFrom: "alice@org.example",
    recipients: ["bob@ext.example", "carol@ext.example"],
    senderUserId: actors.alice.id,
    forceEscrow: true,
    actor: { type: "smtp-client" },
  });
  await db.$transaction(async (tx) => {
    for (const row of accepted.recipients) await escrowRecipient(tx, { recipientId: row.id, messageId: accepted.messageId, failureClass: null, reason: "test" });
  });
  const message = await db.message.findUniqueOrThrow({ where: { id: accepted.messageId } });
  original = {
    messageId: accepted.messageId,
    bobRow: accepted.recipients.find((r) => r.address === "bob@ext.example")!.id,
    carolRow: accepted.recipients.find((r) => r.address === "carol@ext.example")!.id,
    threadId: message.threadId!,
  };
  // Alice watches her messages with a webhook: the reply must queue a `replied` event in the same transaction.
  // (Queuing reads only the subscription, so the sealed secret can be a placeholder here.)
  await db.webhook.create({
    data: { ownerUserId: actors.alice.id, url: "https://hooks.org.example/sealpost", events: "replied", secretSealed: Buffer.from("placeholder"), secretKeyId: "k1" },
  });
});

describe("secure reply", () => {
  it("shows who a reply and a reply-all go to", async () => {
    const reply = await getReplyDraft(actors.bob, original.bobRow, false);
    expect(reply.subject).toBe("Re: Contract draft");
    expect(reply.to.map((m) => m.address)).toEqual(["alice@org.example"]);
    expect(reply.cc).toEqual([]);
    const all = await getReplyDraft(actors.bob, original.bobRow, true);
    expect(all.cc.map((m) => m.address)).toEqual(["carol@ext.example"]);
  });

  it("sends a reply through the pipeline, threaded, with the original marked replied and audited", async () => {
    const sent = await sendReply(
      actors.bob,
      {
        recipientId: original.bobRow,
        all: false,
        text: "Looks good, signed copy attached.",
        quoteAttribution: ({ sender }) => `On 1 Mar, ${sender} wrote:`,
        attachments: [file("C:\\Users\\bob\\signed\u202Efdp.pdf", "%PDF-1.4 signed"), file("", ""), file("undefined", "")],
      },
      { sourceIp: "203.0.113.9" },
    );
    const message = await db.message.findUniqueOrThrow({ where: { id: sent.messageId }, include: { recipients: true } });
    expect(message).toMatchObject({
      source: "portal",
      senderUserId: actors.bob.id,
      envelopeFrom: "bob@ext.example",
      fromAddress: "bob@ext.example",
      threadId: original.threadId,
      inReplyToId: original.messageId,
      // Alice is staff: inside the organisation the reply is delivered over verified TLS (or escrowed), not forced.
      forceEscrow: false,
    });
    expect(message.recipients.map((r) => [r.address, r.status])).toEqual([["alice@org.example", "queued"]]);
    expect(await db.job.count({ where: { messageId: sent.messageId, kind: "deliver" } })).toBe(1);

    const stored = (await readMessageMime(sent.messageId)).toString("utf8");
    expect(stored).toContain("In-Reply-To: <orig-1@client.org.example>");
    expect(stored).toMatch(/References: <root-0@client\.org\.example>\s+<orig-1@client\.org\.example>/);
    expect(stored).toContain(`Message-ID: <${sent.messageId}.sealpost@`);
    expect(stored).toContain("Subject: Re: Contract draft");
    expect(stored).toContain("On 1 Mar, Alice Sender wrote:\r\n> Please review the contract.\r\n> Line two.");
    expect(stored).toMatch(/filename="?signedfdp\.pdf"?\r\n/);
    expect(stored).not.toContain("\u202E");
    expect(stored).toContain("Content-Type: application/pdf");

    const bobRow = await db.recipient.findUniqueOrThrow({ where: { id: original.bobRow } });
    expect(bobRow.repliedAt).toBeInstanceOf(Date);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: "message.replied", recipientId: original.bobRow } });
    expect(audit).toMatchObject({ actorType: "user", actorId: actors.bob.id, messageId: original.messageId, sourceIp: "203.0.113.9", outcome: "success" });
    expect(JSON.parse(audit.data)).toMatchObject({ replyMessageId: sent.messageId, replyAll: false, recipients: 1, attachments: 1 });
    expect(audit.data).not.toContain("signed");
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { event: "replied" } });
    expect(JSON.parse(delivery.payload)).toMatchObject({ type: "message.replied", data: { messageId: original.messageId, replyMessageId: sent.messageId } });
    expect(await db.job.count({ where: { kind: "webhook", messageId: original.messageId } })).toBe(1);
  });

  it("replies to all: the original To and Cc minus the replier; external people make it portal-only", async () => {
    const sent = await sendReply(actors.bob, { recipientId: original.bobRow, all: true, text: "Adding everyone.", quoteAttribution: null, attachments: [] });
    const message = await db.message.findUniqueOrThrow({ where: { id: sent.messageId }, include: { recipients: true } });
    expect(message.recipients.map((r) => r.address).sort()).toEqual(["alice@org.example", "carol@ext.example"]);
    // The thread is secure (the original was escrowed) and carol is outside the staff: never plain delivery.
    expect(message.forceEscrow).toBe(true);
    const stored = (await readMessageMime(sent.messageId)).toString("utf8");
    expect(stored).toMatch(/\r\nTo: Alice Sender <alice@org\.example>\r\n/);
    expect(stored).toMatch(/\r\nCc: carol@ext\.example\r\n/);
    expect(stored).not.toContain("> Please review");
  });

  it("sends one reply for a double submit (same idempotency key)", async () => {
    const input = { recipientId: original.bobRow, all: false, text: "Once.", quoteAttribution: null, attachments: [], idempotencyKey: "form-123" };
    const first = await sendReply(actors.bob, input);
    const second = await sendReply(actors.bob, input);
    expect(second).toMatchObject({ messageId: first.messageId, duplicate: true });
    expect(await db.auditEvent.count({ where: { type: "message.replied", data: { contains: first.messageId } } })).toBe(1);
  });

  it("refuses a reply to a message the actor cannot see, audits it and sends nothing", async () => {
    const before = await db.message.count();
    await expect(
      sendReply(actors.mallory, { recipientId: original.bobRow, all: true, text: "Hi", quoteAttribution: null, attachments: [] }, { sourceIp: "198.51.100.7" }),
    ).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(getReplyDraft(actors.mallory, original.bobRow, false)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await db.message.count()).toBe(before);
    const denied = await db.auditEvent.findFirstOrThrow({ where: { type: "access.denied", actorId: actors.mallory.id } });
    expect(denied).toMatchObject({ outcome: "denied", messageId: original.messageId, sourceIp: "198.51.100.7" });
  });

  it("enforces the attachment rules: allowed types only, the overall size limit", async () => {
    const reply = (attachments: File[]) => sendReply(actors.bob, { recipientId: original.bobRow, all: false, text: "x", quoteAttribution: null, attachments });
    await expect(reply([file("tool.exe", "MZ")])).rejects.toMatchObject({ code: "attachment-type", detail: "tool.exe" });
    await expect(reply([file("page.html", "<script>")])).rejects.toMatchObject({ code: "attachment-type" });
    await expect(reply([file("big.pdf", Buffer.alloc(310_000, 1))])).rejects.toMatchObject({ code: "too-large" });
    // Under the raw limit but over it once base64-encoded into the message: the sealed MIME is what counts.
    await expect(reply([file("big.pdf", Buffer.alloc(250_000, 1))])).rejects.toMatchObject({ code: "too-large" });
  });

  it("lists the conversation per person: only messages they sent or may open, oldest first", async () => {
    const bobView = await listThreadMessages(actors.bob, original.messageId);
    expect(bobView[0]).toMatchObject({ messageId: original.messageId, direction: "incoming", recipientId: original.bobRow, subject: "Contract draft", isCurrent: true });
    expect(bobView[0]!.text).toContain("Please review the contract.");
    expect(bobView.slice(1).every((m) => m.direction === "outgoing")).toBe(true);
    expect(bobView.length).toBeGreaterThanOrEqual(4);
    expect(bobView.map((m) => m.createdAt.getTime())).toEqual([...bobView.map((m) => m.createdAt.getTime())].sort((a, b) => a - b));

    // Alice sent the original; the replies to her are still queued (not escrowed), so she sees only her own.
    const aliceView = await listThreadMessages(actors.alice, original.messageId);
    expect(aliceView.map((m) => m.messageId)).toEqual([original.messageId]);
    expect(aliceView[0]!.direction).toBe("outgoing");

    await expect(listThreadMessages(actors.mallory, original.messageId)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("compose", () => {
  it("lets a recipient write only to the organisation's senders and admins", async () => {
    const sent = await composeMessage(actors.bob, { to: ["Alice@Org.Example"], subject: "Question", text: "Hello Alice", attachments: [] });
    const message = await db.message.findUniqueOrThrow({ where: { id: sent.messageId }, include: { recipients: true } });
    expect(message).toMatchObject({ source: "portal", senderUserId: actors.bob.id, forceEscrow: false, inReplyToId: null });
    expect(message.threadId).not.toBe(original.threadId);
    expect(message.recipients.map((r) => r.address)).toEqual(["Alice@org.example"]);

    const before = await db.message.count();
    for (const to of [["carol@ext.example"], ["alice@org.example", "mallory@ext.example"], ["carl@org.example"]]) {
      await expect(composeMessage(actors.bob, { to, subject: "Spam", text: "x", attachments: [], forceEscrow: true })).rejects.toMatchObject({ code: "not-staff" });
    }
    expect(await db.message.count()).toBe(before);
    expect(await db.auditEvent.count({ where: { type: "access.denied", actorId: actors.bob.id, data: { contains: "not-staff" } } })).toBe(3);
  });

  it("lets a sender write to anyone with portal-only delivery, a passphrase and an expiry, in one transaction", async () => {
    const sent = await composeMessage(actors.alice, {
      to: ["dan@ext.example", "erin@ext.example"],
      subject: "Payslip",
      text: "Attached.",
      attachments: [file("payslip.pdf", "%PDF-1.4")],
      passphrase: "blue-lantern-42",
      expiryDays: 7,
    });
    const message = await db.message.findUniqueOrThrow({ where: { id: sent.messageId }, include: { recipients: true } });
    expect(message.forceEscrow).toBe(true);
    for (const row of message.recipients) {
      expect(row.passphraseHash).toMatch(/^\$argon2id\$/);
      expect(row.expiresAt!.getTime() - message.createdAt.getTime()).toBeGreaterThan(6.9 * 86_400_000);
      expect(row.expiresAt!.getTime() - message.createdAt.getTime()).toBeLessThan(7.1 * 86_400_000);
    }
    expect(await db.auditEvent.count({ where: { type: "passphrase.set", messageId: sent.messageId } })).toBe(2);

    const plain = await composeMessage(actors.alice, { to: ["dan@ext.example"], subject: "Hi", text: "x", attachments: [] });
    expect((await db.message.findUniqueOrThrow({ where: { id: plain.messageId } })).forceEscrow).toBe(false);
    const always = await composeMessage(actors.alice, { to: ["dan@ext.example"], subject: "Hi", text: "x", attachments: [], forceEscrow: true });
    expect((await db.message.findUniqueOrThrow({ where: { id: always.messageId } })).forceEscrow).toBe(true);
  });

  it("validates input and refuses compliance users", async () => {
    await expect(composeMessage(actors.alice, { to: ["not an address"], subject: "x", text: "", attachments: [] })).rejects.toMatchObject({ code: "invalid-address" });
    await expect(composeMessage(actors.alice, { to: [], subject: "x", text: "", attachments: [] })).rejects.toMatchObject({ code: "no-recipients" });
    await expect(composeMessage(actors.alice, { to: ["dan@ext.example"], subject: " ", text: "", attachments: [] })).rejects.toMatchObject({ code: "subject-required" });
    await expect(composeMessage(actors.alice, { to: ["dan@ext.example"], subject: "x", text: "", attachments: [], passphrase: "abc" })).rejects.toMatchObject({ code: "passphrase-invalid" });
    await expect(composeMessage(actors.alice, { to: ["dan@ext.example"], subject: "x", text: "", attachments: [], expiryDays: 0 })).rejects.toMatchObject({ code: "expiry-invalid" });
    await expect(composeMessage(actors.carl, { to: ["dan@ext.example"], subject: "x", text: "", attachments: [] })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
