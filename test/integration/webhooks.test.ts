import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTestCertificates } from "@/test/support/test-ca";

// Webhooks end to end on loopback: a real HTTPS receiver on 127.0.0.150 with a certificate from the test CA,
// reached by name (hooks.test) through an injected resolver, events emitted by the real pipeline, and jobs
// driven one at a time with zero backoff instead of waiting.

process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
// Notifications to the test recipient's domain meet a closed port at once; the dev mailbox keeps a copy.
process.env.TRANSPORT_MAP = "client.test=127.0.0.151:9";
process.env.CONNECT_TIMEOUT = "2s";

const HOST = "hooks.test";
const RECEIVER_IP = "127.0.0.150";
const certs = await getTestCertificates(HOST);

type Received = { headers: IncomingHttpHeaders; body: string; path: string };
const received: Received[] = [];
// Status codes the receiver answers with, in order; 200 once the script runs out.
let script: number[] = [];

const receiver = createServer({ key: certs.good.key, cert: certs.good.cert }, (request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), path: request.url ?? "" });
    if (request.url === "/hang") return;
    response.writeHead(script.shift() ?? 200).end("ok");
  });
});
await new Promise<void>((resolve) => receiver.listen(0, RECEIVER_IP, resolve));
const port = (receiver.address() as AddressInfo).port;
const hookUrl = (path: string) => `https://${HOST}:${port}${path}`;

const { getDb } = await import("@/lib/db");
const { getConfig, parseConfig, ConfigError } = await import("@/lib/config");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { claimJobs } = await import("@/lib/queue/claim-jobs");
const { runDeliverJob } = await import("@/lib/delivery/run-deliver-job");
const { AccessDeniedError } = await import("@/lib/auth/roles");
const { createWebhook } = await import("@/lib/webhooks/create-webhook");
const { deleteWebhook } = await import("@/lib/webhooks/delete-webhook");
const { listWebhooks } = await import("@/lib/webhooks/list-webhooks");
const { sendWebhookTest } = await import("@/lib/webhooks/send-webhook-test");
const { runWebhookJob } = await import("@/lib/webhooks/run-webhook-job");
const { postWebhook } = await import("@/lib/webhooks/post-webhook");
const { WebhookTargetError } = await import("@/lib/webhooks/check-webhook-target");

const resolveHost = async (hostname: string) => {
  if (hostname === HOST) return [{ address: RECEIVER_IP, family: 4 }];
  throw new Error(`ENOTFOUND ${hostname}`);
};
const jobOptions = { resolveHost, ca: [Buffer.from(certs.caCert)], timeoutMs: 3_000, retryBaseMs: 0 };

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

async function createUser(email: string, role: "admin" | "sender") {
  const user = await getDb().$transaction((tx) => tx.user.create({ data: { email, name: email.split("@")[0]!, role } }));
  return { id: user.id, email: user.email, name: user.name, role };
}

/** Claims due jobs and runs those of `kind` through `run`; returns how many ran. */
async function runDueJobs(kind: string, run: (job: Awaited<ReturnType<typeof claimJobs>>[number]) => Promise<unknown>): Promise<number> {
  // A 1 ms lease: jobs of other kinds claimed here are free again at once.
  const jobs = await claimJobs("test-worker", 50, 1);
  const mine = jobs.filter((job) => job.kind === kind);
  for (const job of mine) await run(job);
  return mine.length;
}

/** The receiver's check, written from the README's description, not from lib/webhooks. */
function verifySignature(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

const auditOf = (type: string) => getDb().auditEvent.findMany({ where: { type }, orderBy: { seq: "asc" } });

let sender: Awaited<ReturnType<typeof createUser>>;
let otherSender: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  sender = await createUser("alice@sender.test", "sender");
  otherSender = await createUser("bob@sender.test", "sender");
  admin = await createUser("root@sender.test", "admin");
});

describe("webhooks", () => {
  it("signs a test event so the documented check verifies it, and records the delivery", async () => {
    received.length = 0;
    const { id, secret } = await createWebhook(sender, { url: hookUrl("/hooks/test"), events: ["opened"] }, { resolveHost });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const deliveryId = await sendWebhookTest(sender, id);
    expect(await runDueJobs("webhook", (job) => runWebhookJob(job, jobOptions))).toBe(1);

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.path).toBe("/hooks/test");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["user-agent"]).toBe("Sealpost-Webhooks/1");
    expect(request!.headers["sealpost-webhook-id"]).toBe(deliveryId);
    const signature = String(request!.headers["sealpost-signature"]);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, signature, request!.body)).toBe(true);
    expect(verifySignature(secret, signature, request!.body.replace("webhook.test", "webhook.tset"))).toBe(false);
    expect(verifySignature(`${secret}x`, signature, request!.body)).toBe(false);
    expect(JSON.parse(request!.body)).toMatchObject({ id: deliveryId, type: "webhook.test" });

    const delivery = await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lastError: null });
    const delivered = await auditOf("webhook.delivered");
    expect(delivered.map((event) => JSON.parse(event.data).deliveryId)).toContain(deliveryId);
    expect((await auditOf("webhook.created")).some((event) => JSON.parse(event.data).webhookId === id)).toBe(true);
  });

  it("retries a receiver that fails twice, then records it delivered after the third try", async () => {
    received.length = 0;
    script = [500, 503];
    const { id } = await createWebhook(sender, { url: hookUrl("/hooks/flaky"), events: ["delivered"] }, { resolveHost });
    const deliveryId = await sendWebhookTest(sender, id);
    const statuses: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      await runDueJobs("webhook", (job) => runWebhookJob(job, jobOptions));
      const row = await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      statuses.push(`${row.status}:${row.attempts}:${row.lastStatusCode}`);
      if (row.status !== "pending") break;
    }
    expect(statuses).toEqual(["pending:1:500", "pending:2:503", "delivered:3:200"]);
    expect(received.map((request) => request.headers["sealpost-webhook-id"])).toEqual([deliveryId, deliveryId, deliveryId]);
    expect(new Set(received.map((request) => request.body)).size).toBe(1);
    const job = await getDb().job.findFirstOrThrow({ where: { kind: "webhook", payload: { contains: deliveryId } } });
    expect(job.doneAt).not.toBeNull();
    const ended = [...(await auditOf("webhook.delivered")), ...(await auditOf("webhook.failed"))];
    expect(ended.filter((event) => JSON.parse(event.data).deliveryId === deliveryId)).toHaveLength(1);
  });

  it("gives up after the retry window and records the failure once", async () => {
    script = [500];
    const { id } = await createWebhook(sender, { url: hookUrl("/hooks/down"), events: ["delivered"] }, { resolveHost });
    const deliveryId = await sendWebhookTest(sender, id);
    await runDueJobs("webhook", (job) => runWebhookJob(job, { ...jobOptions, giveUpAfterMs: 0 }));
    const row = await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 500 });
    expect(row.lastError).toContain("HTTP 500");
    const failed = (await auditOf("webhook.failed")).filter((event) => JSON.parse(event.data).deliveryId === deliveryId);
    expect(failed).toHaveLength(1);
  });

  it("emits escrowed and notified from the pipeline to the sender's and admins' subscribed webhooks only", async () => {
    received.length = 0;
    const own = await createWebhook(sender, { url: hookUrl("/hooks/own"), events: ["escrowed", "notified"] }, { resolveHost });
    const notSubscribed = await createWebhook(sender, { url: hookUrl("/hooks/bounces"), events: ["bounced"] }, { resolveHost });
    const stranger = await createWebhook(otherSender, { url: hookUrl("/hooks/stranger"), events: ["escrowed"] }, { resolveHost });
    const watcher = await createWebhook(admin, { url: hookUrl("/hooks/admin"), events: ["escrowed"] }, { resolveHost });
    const subject = "Merger plans 4d2a";
    const raw = Buffer.from(
      [
        "From: Alice <alice@sender.test>",
        "To: carol@client.test",
        `Subject: ${subject}`,
        "Message-ID: <w1@sender.test>",
        "",
        "Body text 88e1",
        "",
      ].join("\r\n"),
    );
    const accepted = await acceptMessage({
      source: "api",
      raw,
      envelopeFrom: "alice@sender.test",
      recipients: ["carol@client.test"],
      senderUserId: sender.id,
      forceEscrow: true,
      actor: { type: "user", id: sender.id },
    });
    expect(await runDueJobs("deliver", runDeliverJob)).toBe(1);

    const recipient = await getDb().recipient.findFirstOrThrow({ where: { messageId: accepted.messageId } });
    expect(recipient.status).toBe("escrowed");
    const deliveries = await getDb().webhookDelivery.findMany({ where: { event: "escrowed" } });
    const byWebhook = new Map(deliveries.map((delivery) => [delivery.webhookId, delivery]));
    expect(byWebhook.has(own.id)).toBe(true);
    expect(byWebhook.has(watcher.id)).toBe(true);
    expect(byWebhook.has(stranger.id)).toBe(false);
    expect(byWebhook.has(notSubscribed.id)).toBe(false);
    // Written together with the escrow decision: the escrow audit event and the delivery share the moment the
    // recipient changed, and each delivery has its job queued.
    const payload = JSON.parse(byWebhook.get(own.id)!.payload);
    expect(payload).toMatchObject({
      id: byWebhook.get(own.id)!.id,
      type: "message.escrowed",
      data: { messageId: accepted.messageId, recipientId: recipient.id, recipient: "carol@client.test", status: "escrowed" },
    });
    for (const delivery of deliveries) {
      expect(delivery.payload).not.toContain(subject);
      expect(delivery.payload).not.toContain("88e1");
      expect(await getDb().job.count({ where: { kind: "webhook", payload: { contains: delivery.id } } })).toBe(1);
    }

    await runDueJobs("webhook", (job) => runWebhookJob(job, jobOptions));
    expect(received.map((request) => request.path).sort()).toEqual(["/hooks/admin", "/hooks/own"]);
    expect(received.every((request) => JSON.parse(request.body).type === "message.escrowed")).toBe(true);

    // The notification job emits `notified` when the notification has gone out.
    const { runNotifyRecipientJob } = await import("@/lib/notify/run-notify-recipient-job");
    expect(await runDueJobs("notify-recipient", runNotifyRecipientJob)).toBe(1);
    const notified = await getDb().webhookDelivery.findMany({ where: { event: "notified" } });
    expect(notified.map((delivery) => delivery.webhookId)).toEqual([own.id]);
    expect(JSON.parse(notified[0]!.payload)).toMatchObject({ type: "message.notified", data: { recipientId: recipient.id, status: "escrowed" } });
  });

  it("gives up on a receiver that does not answer within the timeout", async () => {
    const started = Date.now();
    const result = await postWebhook({
      url: hookUrl("/hang"),
      body: "{}",
      secret: "whsec_x",
      deliveryId: "d",
      now: new Date(),
      timeoutMs: 300,
      rules: { allowHttp: false, allowPrivate: true },
      resolveHost,
      ca: [Buffer.from(certs.caCert)],
    });
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.ok ? "" : result.error).toContain("no answer");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses plain http:// addresses, and refuses to enable them in production", async () => {
    await expect(createWebhook(sender, { url: `http://${HOST}:${port}/hooks`, events: ["delivered"] }, { resolveHost })).rejects.toMatchObject({
      code: "not-https",
    });
    expect(getConfig().UNSAFE_ALLOW_HTTP_WEBHOOKS).toBe(false);
    expect(() => parseConfig({ NODE_ENV: "production", UNSAFE_ALLOW_HTTP_WEBHOOKS: "true" })).toThrow(ConfigError);
  });

  it("refuses loopback and private targets unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set", async () => {
    expect(parseConfig({}).WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(false);
    received.length = 0;
    const base = { body: "{}", secret: "whsec_x", deliveryId: "d", now: new Date(), timeoutMs: 3_000, ca: [Buffer.from(certs.caCert)] };
    const rules = { allowHttp: false, allowPrivate: false };
    for (const address of [RECEIVER_IP, "10.1.2.3", "192.168.0.7", "169.254.169.254", "::1", "::ffff:127.0.0.150", "fd00::1"]) {
      const result = await postWebhook({ ...base, url: hookUrl("/x"), rules, resolveHost: async () => [{ address, family: address.includes(":") ? 6 : 4 }] });
      expect(result, address).toMatchObject({ ok: false, statusCode: null });
      expect(result.ok ? "" : result.error).toContain("private");
    }
    const literal = await postWebhook({ ...base, url: `https://[::ffff:7f00:96]:${port}/x`, rules, resolveHost });
    expect(literal.ok).toBe(false);
    expect(received).toHaveLength(0);
    // The same target is reachable once allowed, so the refusals above are the guard, not a broken receiver.
    const allowed = await postWebhook({ ...base, url: hookUrl("/x"), rules: { ...rules, allowPrivate: true }, resolveHost });
    expect(allowed).toEqual({ ok: true, statusCode: 200 });
  });

  it("keeps the signing secret sealed: not in the row, not anywhere in the database file", async () => {
    const { id, secret } = await createWebhook(sender, { url: hookUrl("/hooks/sealed"), events: ["opened"] }, { resolveHost });
    const row = await getDb().webhook.findUniqueOrThrow({ where: { id } });
    const secretBytes = Buffer.from(secret);
    const randomPart = Buffer.from(secret.slice("whsec_".length));
    expect(Buffer.from(row.secretSealed).includes(randomPart)).toBe(false);
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    const dbFile = getConfig().databaseUrl.replace(/^file:/, "");
    for (const file of [dbFile, `${dbFile}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      expect(bytes.includes(secretBytes)).toBe(false);
      expect(bytes.includes(randomPart)).toBe(false);
    }
    const listed = await listWebhooks(sender);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
  });

  it("lets only the owner or an admin delete a webhook; a refusal is audited", async () => {
    const { id } = await createWebhook(sender, { url: hookUrl("/hooks/delete-me"), events: ["opened"] }, { resolveHost });
    await sendWebhookTest(sender, id);
    await expect(deleteWebhook(otherSender, id)).rejects.toBeInstanceOf(AccessDeniedError);
    const denied = await getDb().auditEvent.findFirst({ where: { type: "access.denied", actorId: otherSender.id } });
    expect(denied).not.toBeNull();
    expect((await listWebhooks(otherSender)).some((webhook) => webhook.id === id)).toBe(false);
    expect((await listWebhooks(admin)).some((webhook) => webhook.id === id)).toBe(true);

    await deleteWebhook(admin, id);
    expect(await getDb().webhook.count({ where: { id } })).toBe(0);
    expect(await getDb().webhookDelivery.count({ where: { webhookId: id } })).toBe(0);
    expect((await auditOf("webhook.deleted")).some((event) => JSON.parse(event.data).webhookId === id)).toBe(true);
    // Its queued job finishes without sending anything.
    received.length = 0;
    await runDueJobs("webhook", (job) => runWebhookJob(job, jobOptions));
    expect(received.filter((request) => request.path === "/hooks/delete-me")).toHaveLength(0);
  });

  it("manages webhooks over the v1 API with an API token", async () => {
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    const collection = await import("@/app/api/v1/webhooks/route");
    const single = await import("@/app/api/v1/webhooks/[id]/route");
    const mine = (await createApiToken(otherSender.id, "hooks")).token;
    const theirs = (await createApiToken(sender.id, "hooks")).token;
    const call = (token: string, method: string, body?: unknown) =>
      new Request("http://localhost/api/v1/webhooks", {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    // The API checks targets with the system resolver, so use an IP literal (allowed by this file's settings).
    const created = await collection.POST(call(mine, "POST", { url: `https://${RECEIVER_IP}:${port}/api-hook`, events: ["opened", "replied"] }));
    expect(created.status).toBe(201);
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect((await collection.POST(call(mine, "POST", { url: "http://example.com/x" }))).status).toBe(422);
    expect((await collection.POST(call(mine, "POST", { url: "https://example.com/x", events: ["nope"] }))).status).toBe(422);

    const listed = await (await collection.GET(call(mine, "GET"))).text();
    expect(listed).toContain(id);
    expect(listed).not.toContain(secret.slice(6));
    expect((await collection.GET(call("sp_wrong", "GET"))).status).toBe(401);

    const params = { params: Promise.resolve({ id }) };
    expect((await single.DELETE(call(theirs, "DELETE"), params)).status).toBe(404);
    expect((await single.DELETE(call(mine, "DELETE"), params)).status).toBe(204);
    expect(await getDb().webhook.count({ where: { id } })).toBe(0);
  });

  it("rejects unusable input with words a person can act on", async () => {
    await expect(createWebhook(sender, { url: "not a url", events: ["opened"] }, { resolveHost })).rejects.toBeInstanceOf(WebhookTargetError);
    await expect(createWebhook(sender, { url: "https://user:pw@hooks.test/", events: ["opened"] }, { resolveHost })).rejects.toMatchObject({
      code: "invalid-url",
    });
    await expect(createWebhook(sender, { url: "https://nowhere.invalid/", events: ["opened"] }, { resolveHost })).rejects.toMatchObject({
      code: "unresolvable",
    });
  });
});
