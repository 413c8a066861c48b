import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Lets one test make storing fail the way a locked or unreachable database does.
const storeFailure = vi.hoisted(() => ({ armed: false }));
vi.mock("@/lib/intake/accept-message", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/intake/accept-message")>();
  return {
    acceptMessage: async (...args: Parameters<typeof original.acceptMessage>) => {
      if (storeFailure.armed) throw new Error("database is locked");
      return original.acceptMessage(...args);
    },
  };
});

// The relay allow-list holds 127.0.0.1 only; clients bind to 127.0.0.2 (outside it) to act as a remote
// sender. Small limits keep the "too big" and "too many" cases cheap.
process.env.SMTP_RELAY_NETWORKS = "127.0.0.1/32";
process.env.SMTP_MAX_MESSAGE_BYTES = "65536";
process.env.SMTP_MAX_RECIPIENTS = "3";
process.env.SMTP_HOSTNAME = "smtp.sealpost.test";

const nodemailer = (await import("nodemailer")).default;
const { getDb } = await import("@/lib/db");
const { startSmtpServer } = await import("@/lib/intake/smtp-server");
const { createApiToken } = await import("@/lib/auth/api-tokens");
const { readMessageMime } = await import("@/lib/escrow/read-message-content");

const INSIDE = "127.0.0.1";
const OUTSIDE = "127.0.0.2";
const db = getDb();
let server: Awaited<ReturnType<typeof startSmtpServer>>;
let token = "";

beforeAll(async () => {
  server = await startSmtpServer({ host: "127.0.0.1", port: 0 });
  const user = await db.user.create({ data: { email: "alice@corp.example", name: "Alice", role: "sender" } });
  token = (await createApiToken(user.id, "smtp")).token;
});

afterAll(async () => {
  await server.close();
});

type TransportOptions = { localAddress: string; auth?: { user: string; pass: string }; tls?: boolean };

function transport(options: TransportOptions) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port: server.port,
    secure: false,
    localAddress: options.localAddress,
    ignoreTLS: options.tls === false,
    requireTLS: Boolean(options.auth),
    // The intake certificate is a generated self-signed one in tests.
    tls: { rejectUnauthorized: false },
    auth: options.auth,
    connectionTimeout: 3_000,
    greetingTimeout: 3_000,
    socketTimeout: 3_000,
  });
}

function queuedId(response: string): string {
  const match = /^250 2\.0\.0 Ok: queued as ([0-9a-f-]{36})$/.exec(response);
  if (!match) throw new Error(`unexpected reply: ${response}`);
  return match[1]!;
}

/** A raw SMTP client: writes exactly the bytes given and reads whole (possibly multi-line) replies. */
async function rawSession(localAddress: string) {
  const socket = net.connect({ host: "127.0.0.1", port: server.port, localAddress });
  let buffer = "";
  const waiting: Array<(reply: string) => void> = [];
  const replies: string[] = [];
  socket.on("data", (chunk) => {
    buffer += chunk.toString("latin1");
    let match: RegExpExecArray | null;
    while ((match = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3}(?: [^\r\n]*)?\r\n/.exec(buffer))) {
      buffer = buffer.slice(match[0].length);
      const reply = match[0].trimEnd();
      const next = waiting.shift();
      if (next) next(reply);
      else replies.push(reply);
    }
  });
  const read = () =>
    new Promise<string>((resolve, reject) => {
      const queued = replies.shift();
      if (queued !== undefined) return resolve(queued);
      const timer = setTimeout(() => reject(new Error("no SMTP reply within 3 s")), 3_000);
      waiting.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  const send = async (data: string | Buffer) => {
    socket.write(data);
    return read();
  };
  expect(await read()).toMatch(/^220 smtp\.sealpost\.test ESMTP/);
  expect(await send("EHLO client.test\r\n")).toMatch(/^250-smtp\.sealpost\.test/);
  return { send, read, close: () => socket.destroy(), socket };
}

async function startTransaction(session: Awaited<ReturnType<typeof rawSession>>, recipients = ["bob@remote.example"]) {
  expect(await session.send("MAIL FROM:<alice@corp.example>\r\n")).toMatch(/^250/);
  for (const recipient of recipients) expect(await session.send(`RCPT TO:<${recipient}>\r\n`)).toMatch(/^250/);
  expect(await session.send("DATA\r\n")).toMatch(/^354/);
}

describe("SMTP smart host", () => {
  it("relays for the allowed network and commits the message before answering 250", async () => {
    const info = await transport({ localAddress: INSIDE, tls: false }).sendMail({
      from: "Alice <alice@corp.example>",
      to: ["bob@remote.example", "carol@other.example"],
      subject: "Quarterly report",
      text: "Numbers inside.",
    });
    const id = queuedId(info.response);
    // Queried right after the client got its 250: everything must already be committed.
    const message = await db.message.findUniqueOrThrow({ where: { id }, include: { recipients: true } });
    expect(message).toMatchObject({ source: "smtp", envelopeFrom: "alice@corp.example", fromName: "Alice", clientIp: INSIDE, senderUserId: null });
    expect(message.recipients.map((r) => r.address).sort()).toEqual(["bob@remote.example", "carol@other.example"]);
    expect(await db.job.count({ where: { messageId: id, kind: "deliver" } })).toBe(2);
    const mime = (await readMessageMime(id)).toString();
    expect(mime).toMatch(/^Received: from \[?[\w.-]+\]? \(\[127\.0\.0\.1\]\)\r\n\tby smtp\.sealpost\.test with ESMTP;/);
    expect(mime).toContain("Subject: Quarterly report");
  });

  it("strips the subject tag before storing and forces escrow", async () => {
    const info = await transport({ localAddress: INSIDE, tls: false }).sendMail({
      from: "alice@corp.example",
      to: "bob@remote.example",
      subject: "Board minutes [SECURE]",
      text: "Confidential.",
    });
    const id = queuedId(info.response);
    const message = await db.message.findUniqueOrThrow({ where: { id } });
    expect(message.forceEscrow).toBe(true);
    const mime = (await readMessageMime(id)).toString();
    expect(mime).toContain("\r\nSubject: Board minutes\r\n");
    expect(mime).not.toMatch(/secure\]/i);
  });

  it("refuses an unauthenticated client outside the allowed networks at MAIL FROM with 530 and audits it", async () => {
    const before = await db.message.count();
    await expect(
      transport({ localAddress: OUTSIDE, tls: false }).sendMail({ from: "alice@corp.example", to: "bob@remote.example", subject: "x", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 530, response: expect.stringMatching(/^530 5\.7\.0 Authentication required/) });
    expect(await db.message.count()).toBe(before);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: "message.refused", sourceIp: OUTSIDE }, orderBy: { seq: "desc" } });
    expect(audit.outcome).toBe("denied");
    expect(JSON.parse(audit.data)).toMatchObject({ reason: "authentication-required", replyCode: 530 });
  });

  it("closes a connection that keeps trying after refusals", async () => {
    const session = await rawSession(OUTSIDE);
    try {
      for (let i = 0; i < 3; i++) expect(await session.send("MAIL FROM:<alice@corp.example>\r\n")).toMatch(/^530 5\.7\.0 /);
      expect(await session.send("MAIL FROM:<alice@corp.example>\r\n")).toMatch(/^421 4\.7\.0 /);
      await new Promise<void>((resolve) => (session.socket.closed ? resolve() : session.socket.once("close", () => resolve())));
    } finally {
      session.close();
    }
  });

  it("accepts a sender outside the networks after AUTH over STARTTLS with an API token", async () => {
    const info = await transport({ localAddress: OUTSIDE, auth: { user: "alice@corp.example", pass: token } }).sendMail({
      from: "alice@corp.example",
      to: "bob@remote.example",
      subject: "Authenticated",
      text: "Over TLS.",
    });
    const message = await db.message.findUniqueOrThrow({ where: { id: queuedId(info.response) }, include: { sender: true } });
    expect(message.sender?.email).toBe("alice@corp.example");
    expect((await readMessageMime(message.id)).toString()).toMatch(/with ESMTPSA;/);
  });

  it("rejects a wrong token and a token used under another address", async () => {
    const wrong = `sp_${"A".repeat(43)}`;
    await expect(
      transport({ localAddress: OUTSIDE, auth: { user: "alice@corp.example", pass: wrong } }).sendMail({ from: "alice@corp.example", to: "b@x.example", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 535 });
    await expect(
      transport({ localAddress: OUTSIDE, auth: { user: "mallory@corp.example", pass: token } }).sendMail({ from: "mallory@corp.example", to: "b@x.example", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 535 });
    expect(await db.auditEvent.count({ where: { type: "user.sign_in_failed", sourceIp: OUTSIDE } })).toBe(2);
  });

  it("refuses MAIL FROM an address the authenticated sender does not own", async () => {
    await expect(
      transport({ localAddress: OUTSIDE, auth: { user: "alice@corp.example", pass: token } }).sendMail({ from: "ceo@corp.example", to: "b@x.example", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 553 });
  });

  it("does not offer or accept AUTH before STARTTLS", async () => {
    const session = await rawSession(OUTSIDE);
    try {
      expect(await session.send("EHLO client.test\r\n")).not.toMatch(/AUTH/);
      const plain = Buffer.from(`\0alice@corp.example\0${token}`).toString("base64");
      expect(await session.send(`AUTH PLAIN ${plain}\r\n`)).toMatch(/^5\d\d /);
    } finally {
      session.close();
    }
  });

  it("answers 552 5.3.4 when the data exceeds the size limit, and stores nothing", async () => {
    const before = await db.message.count();
    await expect(
      transport({ localAddress: INSIDE, tls: false }).sendMail({ from: "alice@corp.example", to: "b@x.example", text: "x".repeat(70_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    // Without the SIZE parameter the limit is found while receiving DATA.
    const session = await rawSession(INSIDE);
    try {
      await startTransaction(session);
      const line = `${"y".repeat(98)}\r\n`;
      expect(await session.send(`Subject: big\r\n\r\n${line.repeat(700)}.\r\n`)).toMatch(/^552 5\.3\.4 /);
    } finally {
      session.close();
    }
    expect(await db.message.count()).toBe(before);
  });

  it("answers 452 4.5.3 beyond the recipient limit and queues the accepted ones", async () => {
    const info = await transport({ localAddress: INSIDE, tls: false }).sendMail({
      from: "alice@corp.example",
      to: ["r1@x.example", "r2@x.example", "r3@x.example", "r4@x.example"],
      subject: "many",
      text: "x",
    });
    expect(info.rejected).toEqual(["r4@x.example"]);
    // nodemailer reports per-recipient refusals here; its type declarations omit the field.
    const rejectedErrors = (info as { rejectedErrors?: { response?: string }[] }).rejectedErrors;
    expect(rejectedErrors?.[0]?.response).toMatch(/^452 4\.5\.3 Too many recipients/);
    expect(await db.recipient.count({ where: { messageId: queuedId(info.response) } })).toBe(3);
  });

  it("refuses bare LF line endings so <LF>.<LF> cannot smuggle a second message", async () => {
    const before = await db.message.count();
    const session = await rawSession(INSIDE);
    try {
      await startTransaction(session);
      const smuggled =
        "Subject: hello\r\n\r\nfirst message\n.\nMAIL FROM:<ceo@corp.example>\r\nRCPT TO:<victim@remote.example>\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n.\r\n";
      expect(await session.send(smuggled)).toMatch(/^550 5\.5\.2 Bare <LF>/);
      // The smuggled commands were data: the session is back in command mode, nothing else was answered.
      expect(await session.send("NOOP\r\n")).toMatch(/^250/);
    } finally {
      session.close();
    }
    expect(await db.message.count()).toBe(before);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: "message.refused" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(audit.data)).toMatchObject({ reason: "bare-line-break", replyCode: 550 });
  });

  it("answers 451 4.3.0 when the message cannot be stored, so the client keeps it and retries", async () => {
    storeFailure.armed = true;
    try {
      await expect(
        transport({ localAddress: INSIDE, tls: false }).sendMail({ from: "alice@corp.example", to: "b@x.example", subject: "retry me", text: "x" }),
      ).rejects.toMatchObject({ responseCode: 451, response: expect.stringMatching(/^451 4\.3\.0 /) });
    } finally {
      storeFailure.armed = false;
    }
  });

  it("refuses a bare CR and an over-long line, and a message without a header block", async () => {
    const session = await rawSession(INSIDE);
    try {
      await startTransaction(session);
      expect(await session.send("Subject: cr\r\n\r\nline\r.\rmore\r\n.\r\n")).toMatch(/^550 5\.5\.2 /);
      await startTransaction(session);
      expect(await session.send(`Subject: long\r\n\r\n${"z".repeat(999)}\r\n.\r\n`)).toMatch(/^500 5\.6\.0 Line too long/);
      await startTransaction(session);
      expect(await session.send("this is not a header\r\n\r\nbody\r\n.\r\n")).toMatch(/^550 5\.6\.0 The message is not a valid email/);
      await startTransaction(session);
      expect(await session.send("\r\nonly a body\r\n.\r\n")).toMatch(/^550 5\.6\.0 The message is not a valid email: the message has no header block/);
    } finally {
      session.close();
    }
  });
});
