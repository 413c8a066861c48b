import { beforeAll, describe, expect, it } from "vitest";

process.env.SMTP_MAX_MESSAGE_BYTES = "65536";

const { POST } = await import("@/app/api/v1/messages/route");
const { GET } = await import("@/app/api/v1/messages/[id]/route");
const { getDb } = await import("@/lib/db");
const { createApiToken, revokeApiToken } = await import("@/lib/auth/api-tokens");
const { readMessageMime } = await import("@/lib/escrow/read-message-content");

const db = getDb();
let aliceToken = "";
let bobToken = "";

beforeAll(async () => {
  const alice = await db.user.create({ data: { email: "alice@corp.example", name: "Alice Example", role: "sender" } });
  const bob = await db.user.create({ data: { email: "bob@corp.example", name: "Bob", role: "sender" } });
  aliceToken = (await createApiToken(alice.id, "ci")).token;
  bobToken = (await createApiToken(bob.id, "ci")).token;
});

function post(body: unknown, options: { token?: string | null; idempotencyKey?: string; raw?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = options.token === undefined ? aliceToken : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.idempotencyKey !== undefined) headers["idempotency-key"] = options.idempotencyKey;
  return POST(new Request("http://localhost/api/v1/messages", { method: "POST", headers, body: options.raw ?? JSON.stringify(body) }));
}

function get(id: string, token: string) {
  return GET(new Request(`http://localhost/api/v1/messages/${id}`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ id }),
  });
}

const valid = {
  to: ["dana@remote.example"],
  cc: ["erin@other.example"],
  subject: "Contract [secure]",
  text: "Please sign.",
  attachments: [{ filename: "contract.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.7 fake").toString("base64") }],
};

describe("POST /api/v1/messages", () => {
  it("queues the message in the token owner's name and answers 202", async () => {
    const response = await post(valid);
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: "queued",
      recipients: [
        { address: "dana@remote.example", status: "queued" },
        { address: "erin@other.example", status: "queued" },
      ],
    });
    const message = await db.message.findUniqueOrThrow({ where: { id: body.id } });
    expect(message).toMatchObject({ source: "api", envelopeFrom: "alice@corp.example", fromName: "Alice Example", forceEscrow: true });
    expect(await db.job.count({ where: { messageId: body.id, kind: "deliver" } })).toBe(2);
    const mime = (await readMessageMime(body.id)).toString();
    expect(mime).toContain("From: Alice Example <alice@corp.example>");
    expect(mime).toContain("\r\nSubject: Contract\r\n");
    expect(mime).toContain('filename=contract.pdf');
  });

  it("replays an Idempotency-Key with 200 and the same body, without a second message", async () => {
    const first = await post({ ...valid, subject: "Once" }, { idempotencyKey: "req-1" });
    expect(first.status).toBe(202);
    const firstBody = await first.json();
    const count = await db.message.count();
    const replay = await post({ ...valid, subject: "Once" }, { idempotencyKey: "req-1" });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(firstBody);
    expect(await db.message.count()).toBe(count);
    // The same key from another sender is another message.
    expect((await post({ ...valid, subject: "Once" }, { token: bobToken, idempotencyKey: "req-1" })).status).toBe(202);
  });

  it("answers 401 without a token, with an unknown one, and with a revoked one", async () => {
    const none = await post(valid, { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await post(valid, { token: `sp_${"x".repeat(43)}` })).status).toBe(401);
    const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@corp.example" } });
    const spare = await createApiToken(alice.id, "spare");
    expect((await post(valid, { token: spare.token })).status).toBe(202);
    await revokeApiToken(spare.id, { type: "user", id: alice.id });
    expect((await post(valid, { token: spare.token })).status).toBe(401);
  });

  it("answers 400 with the offending fields", async () => {
    const response = await post({ to: ["not-an-address", "ok@x.example"], subject: "Hi\r\nBcc: x@y.example", bcc: ["z@x.example"] });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("invalid-request");
    expect(Object.keys(error.fields).sort()).toEqual(["bcc", "subject", "text", "to.0"]);

    const badJson = await post(null, { raw: "{not json" });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error.code).toBe("invalid-json");

    const badKey = await post(valid, { idempotencyKey: "x".repeat(201) });
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).error.fields).toHaveProperty("Idempotency-Key");

    const tooMany = await post({ ...valid, to: Array.from({ length: 101 }, (_, i) => `r${i}@x.example`) });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.code).toBe("too-many-recipients");
  });

  it("answers 413 when the message would exceed the size limit", async () => {
    const big = Buffer.alloc(70_000, 7).toString("base64");
    const response = await post({ ...valid, attachments: [{ filename: "big.bin", contentType: "application/octet-stream", content: big }] });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("message-too-large");
  });
});

describe("GET /api/v1/messages/:id", () => {
  it("shows the sender per-recipient status and hides the message from other senders", async () => {
    const { id } = await (await post(valid)).json();
    const own = await get(id, aliceToken);
    expect(own.status).toBe(200);
    const body = await own.json();
    expect(body.id).toBe(id);
    expect(body.recipients).toEqual([
      { address: "dana@remote.example", status: "queued", outcomeClass: null, outcomeAt: null, tlsProtocol: null, tlsCipher: null, attempts: 0, notifiedAt: null },
      { address: "erin@other.example", status: "queued", outcomeClass: null, outcomeAt: null, tlsProtocol: null, tlsCipher: null, attempts: 0, notifiedAt: null },
    ]);

    const other = await get(id, bobToken);
    expect(other.status).toBe(404);
    const unknown = await get("00000000-0000-0000-0000-000000000000", bobToken);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(await (await get(id, bobToken)).json());
    const denied = await db.auditEvent.findFirstOrThrow({ where: { type: "access.denied", messageId: id } });
    expect(denied).toMatchObject({ actorType: "api-token", outcome: "denied" });
    expect(JSON.parse(denied.data)).toMatchObject({ reason: "not-owner" });
  });
});
