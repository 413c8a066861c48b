import { beforeAll, describe, expect, it, vi } from "vitest";

// Lets one test make the audit write fail, to prove everything before it in the transaction rolls back.
const auditFailure = vi.hoisted(() => ({ armed: false }));
vi.mock("@/lib/audit/record-event", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/audit/record-event")>();
  return {
    ...original,
    recordAuditEvents: async (...args: Parameters<typeof original.recordAuditEvents>) => {
      if (auditFailure.armed) throw new Error("simulated audit failure");
      return original.recordAuditEvents(...args);
    },
  };
});

const { getDb } = await import("@/lib/db");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { IntakeError } = await import("@/lib/intake/intake-error");
const { getKeyRing } = await import("@/lib/escrow/key-ring");
const { openPart, unwrapDataKey } = await import("@/lib/escrow/envelope");

const db = getDb();
let senderId = "";

function mime(subject: string, body = "The quarterly numbers are attached."): Buffer {
  return Buffer.from(
    `From: "Alice Sender" <alice@example.com>\r\nTo: bob@example.net\r\nSubject: ${subject}\r\nMessage-ID: <m1@example.com>\r\n\r\n${body}\r\n`,
  );
}

async function countRows() {
  const [messages, parts, recipients, jobs, audits] = await Promise.all([
    db.message.count(),
    db.messagePart.count(),
    db.recipient.count(),
    db.job.count(),
    db.auditEvent.count({ where: { type: "message.accepted" } }),
  ]);
  return { messages, parts, recipients, jobs, audits };
}

beforeAll(async () => {
  const user = await db.user.create({ data: { email: "alice@example.com", name: "Alice Sender", role: "sender" } });
  senderId = user.id;
});

describe("acceptMessage", () => {
  it("commits message, sealed parts, recipients, one job per recipient and the audit event", async () => {
    const result = await acceptMessage({
      source: "smtp",
      raw: mime("[SECURE] Salary review"),
      envelopeFrom: "alice@example.com",
      recipients: ["Bob@Example.NET", "bob@example.net", "carol@example.org"],
      clientIp: "127.0.0.1",
      actor: { type: "smtp-client", id: null },
    });
    expect(result.duplicate).toBe(false);
    expect(result.recipients.map((r) => r.address)).toEqual(["Bob@example.net", "carol@example.org"]);

    const message = await db.message.findUniqueOrThrow({ where: { id: result.messageId }, include: { parts: true, recipients: true } });
    expect(message).toMatchObject({ source: "smtp", fromName: "Alice Sender", fromAddress: "alice@example.com", forceEscrow: true, clientIp: "127.0.0.1" });
    expect(message.parts.map((p) => p.part).sort()).toEqual(["mime", "subject"]);
    for (const part of message.parts) {
      const stored = Buffer.from(part.sealed).toString("latin1");
      expect(stored).not.toContain("Salary");
      expect(stored).not.toContain("quarterly");
      expect(stored).not.toContain("alice@example.com");
    }
    expect(message.recipients.map((r) => [r.address, r.domain, r.status]).sort()).toEqual([
      ["Bob@example.net", "example.net", "queued"],
      ["carol@example.org", "example.org", "queued"],
    ]);

    // The stored MIME opens with the message's key and no longer carries the tag; the subject part neither.
    const dataKey = unwrapDataKey(getKeyRing(), message);
    const storedMime = openPart(dataKey, message.id, "mime", message.parts.find((p) => p.part === "mime")!.sealed).toString();
    expect(storedMime).toContain("\r\nSubject: Salary review\r\n");
    expect(storedMime).not.toMatch(/secure/i);
    expect(message.sizeBytes).toBe(Buffer.byteLength(storedMime));
    expect(openPart(dataKey, message.id, "subject", message.parts.find((p) => p.part === "subject")!.sealed).toString()).toBe("Salary review");

    const jobs = await db.job.findMany({ where: { messageId: message.id } });
    expect(jobs.map((j) => j.kind)).toEqual(["deliver", "deliver"]);
    expect(jobs.map((j) => j.recipientId).sort()).toEqual(message.recipients.map((r) => r.id).sort());
    expect(jobs.every((j) => j.doneAt === null && j.runAt.getTime() <= Date.now())).toBe(true);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: "message.accepted", messageId: message.id } });
    expect(audit).toMatchObject({ actorType: "smtp-client", sourceIp: "127.0.0.1", outcome: "success" });
    expect(JSON.parse(audit.data)).toEqual({ recipients: 2, sizeBytes: message.sizeBytes, source: "smtp", forceEscrow: true });
    expect(audit.data).not.toContain("Salary");
  });

  it("answers a replay of the same idempotency key with the first message", async () => {
    const input = {
      source: "api" as const,
      raw: mime("Invoice"),
      envelopeFrom: "alice@example.com",
      recipients: ["dave@example.com"],
      senderUserId: senderId,
      idempotencyKey: "order-4711",
      actor: { type: "api-token" as const, id: "token-1" },
    };
    const first = await acceptMessage(input);
    const before = await countRows();
    const replay = await acceptMessage(input);
    expect(replay).toEqual({ ...first, duplicate: true });
    expect(await countRows()).toEqual(before);
  });

  it("lets exactly one of two concurrent requests with the same key commit", async () => {
    const input = {
      source: "api" as const,
      raw: mime("Race"),
      envelopeFrom: "alice@example.com",
      recipients: ["erin@example.com"],
      senderUserId: senderId,
      idempotencyKey: "race-1",
      actor: { type: "api-token" as const, id: "token-1" },
    };
    const results = await Promise.all([acceptMessage(input), acceptMessage(input)]);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(await db.message.count({ where: { idempotencyKey: "race-1" } })).toBe(1);
  });

  it("falls back to the envelope sender without a From header and stores LF-only input with CRLF", async () => {
    const raw = Buffer.from("Subject: no from [secure]\n\nhi\n.\nstill the body\n");
    const result = await acceptMessage({ source: "cli", raw, envelopeFrom: "ops@example.com", recipients: ["x@example.com"], actor: { type: "system" } });
    const message = await db.message.findUniqueOrThrow({ where: { id: result.messageId }, include: { parts: true } });
    expect(message).toMatchObject({ fromAddress: "ops@example.com", fromName: "", forceEscrow: true });
    const storedMime = openPart(unwrapDataKey(getKeyRing(), message), message.id, "mime", message.parts.find((p) => p.part === "mime")!.sealed);
    expect(storedMime.toString()).toBe("Subject: no from\r\n\r\nhi\r\n.\r\nstill the body\r\n");
  });

  it("refuses malformed input and bad recipients without writing anything", async () => {
    const before = await countRows();
    const base = { source: "api" as const, envelopeFrom: "alice@example.com", actor: { type: "system" as const } };
    await expect(acceptMessage({ ...base, raw: Buffer.from("just some text\r\nwithout headers\r\n"), recipients: ["a@example.com"] })).rejects.toMatchObject({
      code: "malformed-message",
    });
    await expect(acceptMessage({ ...base, raw: mime("x"), recipients: ["not-an-address"] })).rejects.toBeInstanceOf(IntakeError);
    const twoSubjects = Buffer.from("Subject: Hello\r\nSubject: [secure] Hello\r\n\r\nbody\r\n");
    await expect(acceptMessage({ ...base, raw: twoSubjects, recipients: ["a@example.com"] })).rejects.toMatchObject({ code: "malformed-message" });
    await expect(
      acceptMessage({ ...base, raw: mime("x"), recipients: Array.from({ length: 101 }, (_, i) => `r${i}@example.com`) }),
    ).rejects.toMatchObject({ code: "too-many-recipients" });
    expect(await countRows()).toEqual(before);
  });

  it("rolls back every row when a later write in the transaction fails", async () => {
    const before = await countRows();
    auditFailure.armed = true;
    try {
      await expect(
        acceptMessage({ source: "smtp", raw: mime("Rollback"), envelopeFrom: "a@example.com", recipients: ["b@example.com"], actor: { type: "smtp-client" } }),
      ).rejects.toThrow("simulated audit failure");
    } finally {
      auditFailure.armed = false;
    }
    expect(await countRows()).toEqual(before);
  });
});
