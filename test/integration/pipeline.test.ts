import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startDnsServer } from "@/test/support/dns-server";
import { startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";

// The whole pipeline on loopback: intake (acceptMessage) → queue → worker → forced-TLS delivery or escrow →
// notification. Peers are real smtp-server MX hosts reached through TRANSPORT_MAP by name; a loopback DNS
// server answers their addresses, and their certificates come from test CAs trusted via EXTRA_CA_FILE.

const names = { tls: "mx.tls.test", plain: "mx.plain.test", bounce: "mx.bounce.test", flaky: "mx.flaky.test" };
const certs = {
  tls: await getTestCertificates(names.tls),
  plain: await getTestCertificates(names.plain),
  bounce: await getTestCertificates(names.bounce),
  flaky: await getTestCertificates(names.flaky),
};
const peers = {
  tls: await startMxPeer(certs.tls.good),
  plain: await startMxPeer({ ...certs.plain.good, starttls: false }),
  bounce: await startMxPeer({ ...certs.bounce.good, rcpt: (_i, to) => (to.startsWith("nobody@") ? { code: 550, message: "5.1.1 No such user" } : undefined) }),
  flaky: await startMxPeer({ ...certs.flaky.good, rcpt: (i) => (i === 0 ? { code: 451, message: "4.3.0 Try again later" } : undefined) }),
};
const dns = await startDnsServer({
  [names.tls]: { a: [peers.tls.host] },
  [names.plain]: { a: [peers.plain.host] },
  [names.bounce]: { a: [peers.bounce.host] },
  [names.flaky]: { a: [peers.flaky.host] },
  "nomail.test": { mx: [{ preference: 0, exchange: "" }] },
});

const caFile = path.join(process.env.DATA_DIR!, "extra-ca.pem");
writeFileSync(caFile, Object.values(certs).map((c) => c.caCert).join("\n"));
Object.assign(process.env, {
  DNS_SERVERS: dns.address,
  EXTRA_CA_FILE: caFile,
  TRANSPORT_MAP: [
    `tls.test=${names.tls}:${peers.tls.port}`,
    `plain.test=${names.plain}:${peers.plain.port}`,
    `bounce.test=${names.bounce}:${peers.bounce.port}`,
    `flaky.test=${names.flaky}:${peers.flaky.port}`,
    `strict.test=${names.plain}:${peers.plain.port}`,
    // The sender's own domain, for bounce notices.
    `sender.test=${names.tls}:${peers.tls.port}`,
  ].join(","),
  CONNECT_TIMEOUT: "3s",
  GREETING_TIMEOUT: "3s",
  SOCKET_TIMEOUT: "5s",
  SMTP_HOSTNAME: "gateway.test",
  ORG_NAME: "Acme Gateway",
});

const { getDb } = await import("@/lib/db");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { startWorker } = await import("@/lib/queue/worker");
const { hashToken } = await import("@/lib/auth/hash-token");
const { setDomainPolicy } = await import("@/lib/delivery/set-domain-policy");
const { claimJobs } = await import("@/lib/queue/claim-jobs");
const { runDeliverJob } = await import("@/lib/delivery/run-deliver-job");

afterAll(async () => {
  await Promise.all([...Object.values(peers).map((peer) => peer.close()), dns.close()]);
});

const SECRET_SUBJECT = "Quarterly numbers 7f3c";
const SECRET_BODY = "The vault code is 91c4-55ab.";

function mime(to: string, subject = SECRET_SUBJECT): Buffer {
  return Buffer.from(
    [
      "From: Alice Sender <alice@sender.test>",
      `To: ${to}`,
      `Subject: ${subject}`,
      "Date: Tue, 03 Mar 2026 14:05:00 +0000",
      `Message-ID: <${Math.random().toString(36).slice(2)}@sender.test>`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      SECRET_BODY,
      "",
    ].join("\r\n"),
  );
}

async function send(recipients: string[], subject?: string) {
  const raw = mime(recipients.join(", "), subject);
  const accepted = await acceptMessage({ source: "cli", raw, envelopeFrom: "alice@sender.test", recipients, actor: { type: "system" } });
  return { ...accepted, raw };
}

/** Runs a worker until no job is due (later retries stay queued), then stops it. */
async function runWorkerUntilIdle(): Promise<void> {
  const worker = startWorker({ concurrency: 4, pollMs: 20, maxPollMs: 100 });
  const deadline = Date.now() + 20_000;
  try {
    for (;;) {
      const due = await getDb().job.count({ where: { doneAt: null, runAt: { lte: new Date() } } });
      if (due === 0) return;
      if (Date.now() > deadline) throw new Error(`${due} jobs still due after 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await worker.stop();
  }
}

const recipientOf = (messageId: string, address: string) =>
  getDb().recipient.findFirstOrThrow({ where: { messageId, address } });

const auditTypes = async (messageId: string, recipientId?: string) =>
  (
    await getDb().auditEvent.findMany({
      where: { messageId, OR: [{ recipientId: recipientId ?? null }, { recipientId: null }] },
      orderBy: { seq: "asc" },
    })
  ).map((event) => event.type);

const count = (list: string[], item: string) => list.filter((entry) => entry === item).length;

describe("pipeline", () => {
  it("delivers over verified TLS to one domain and escrows + notifies for a domain without STARTTLS", async () => {
    const accepted = await send(["bob@tls.test", "carol@plain.test"]);
    await runWorkerUntilIdle();

    // Delivered: TLS details recorded, the peer got exactly the MIME that was accepted.
    const bob = await recipientOf(accepted.messageId, "bob@tls.test");
    expect(bob.status).toBe("delivered");
    expect(bob.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(bob.tlsCipher).toBeTruthy();
    const [bobAttempt] = await getDb().deliveryAttempt.findMany({ where: { recipientId: bob.id } });
    expect(bobAttempt).toMatchObject({ outcome: "delivered", mxHost: names.tls, mxIp: peers.tls.host, failureClass: null });
    expect(bobAttempt!.certFingerprint).toBeTruthy();
    const toBob = peers.tls.received.filter((m) => m.envelope.to.includes("bob@tls.test"));
    expect(toBob).toHaveLength(1);
    expect(toBob[0]!.secure).toBe(true);
    expect(toBob[0]!.data.equals(accepted.raw)).toBe(true);
    expect(toBob[0]!.envelope.from).toBe("alice@sender.test");

    // Escrowed: the no-TLS peer saw exactly one DATA, and that was the content-free notification.
    const carol = await recipientOf(accepted.messageId, "carol@plain.test");
    expect(carol.status).toBe("escrowed");
    expect(carol.outcomeClass).toBe("starttls-not-supported");
    expect(carol.notifiedAt).toBeInstanceOf(Date);
    expect(count(peers.plain.commands, "DATA")).toBe(1);
    expect(peers.plain.received).toHaveLength(1);
    const overPlaintext = peers.plain.received[0]!.data.toString();
    expect(overPlaintext).toMatch(/^Subject: Secure message from Alice Sender$/m);
    expect(overPlaintext).not.toContain(SECRET_BODY);
    expect(overPlaintext).not.toContain(SECRET_SUBJECT);

    // The notification in the dev mailbox: neutral subject, no content, a link whose token is stored hashed.
    const notices = await getDb().devMailboxMessage.findMany({ where: { envelopeTo: "carol@plain.test" } });
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.subject).toBe("Secure message from Alice Sender");
    for (const part of [notice.subject, notice.text, notice.html]) {
      expect(part).not.toContain(SECRET_SUBJECT);
      expect(part).not.toContain(SECRET_BODY);
    }
    const token = /http:\/\/localhost:3000\/open\/([A-Za-z0-9_-]{43})/.exec(notice.text)?.[1];
    expect(token).toBeDefined();
    expect(notice.html).toContain(`/open/${token}`);
    const stored = await getDb().accessToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token!) } });
    expect(stored).toMatchObject({ purpose: "portal-access", recipientId: carol.id, consumedAt: null });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    // Audit: each step once, in order, and neither content nor the token anywhere in it.
    expect(await auditTypes(accepted.messageId, bob.id)).toEqual(["message.accepted", "delivery.attempted", "recipient.delivered"]);
    expect(await auditTypes(accepted.messageId, carol.id)).toEqual([
      "message.accepted",
      "delivery.attempted",
      "recipient.escrowed",
      "notification.sent",
    ]);
    const audit = (await getDb().auditEvent.findMany()).map((event) => event.data).join("\n");
    expect(audit).not.toContain(SECRET_BODY);
    expect(audit).not.toContain(SECRET_SUBJECT);
    expect(audit).not.toContain(token!);
    expect(await getDb().job.count({ where: { doneAt: null } })).toBe(0);
  });

  it("sends a [secure] message to the portal without a delivery connection", async () => {
    const transactionsBefore = count(peers.tls.commands, "MAIL");
    const receivedBefore = peers.tls.received.length;
    const accepted = await send(["dave@tls.test"], `[secure] ${SECRET_SUBJECT}`);
    await runWorkerUntilIdle();

    const dave = await recipientOf(accepted.messageId, "dave@tls.test");
    expect(dave).toMatchObject({ status: "escrowed", outcomeClass: null });
    expect(await getDb().deliveryAttempt.count({ where: { recipientId: dave.id } })).toBe(0);
    // The one mail transaction the peer saw is the notification, never the message.
    expect(count(peers.tls.commands, "MAIL") - transactionsBefore).toBe(1);
    const fresh = peers.tls.received.slice(receivedBefore);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.data.toString()).toMatch(/^Subject: Secure message from Alice Sender$/m);
    expect(fresh[0]!.data.toString()).not.toContain(SECRET_BODY);
    expect(await auditTypes(accepted.messageId, dave.id)).toEqual(["message.accepted", "recipient.escrowed", "notification.sent"]);
  });

  it("bounces a recipient the MX refuses with 550 and tells the sender", async () => {
    const accepted = await send(["nobody@bounce.test"]);
    await runWorkerUntilIdle();

    const nobody = await recipientOf(accepted.messageId, "nobody@bounce.test");
    expect(nobody).toMatchObject({ status: "bounced", outcomeClass: "smtp-5xx" });
    expect(peers.bounce.received).toHaveLength(0);
    const notices = await getDb().devMailboxMessage.findMany({ where: { envelopeTo: "alice@sender.test" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe("Not delivered: your message to nobody@bounce.test");
    expect(notices[0]!.text).toContain("550");
    expect(notices[0]!.text).toContain(`http://localhost:3000/sent/${accepted.messageId}`);
    expect(notices[0]!.text).not.toContain(SECRET_BODY);
    expect(notices[0]!.text).not.toContain(SECRET_SUBJECT);
    expect(peers.tls.received.filter((m) => m.envelope.to.includes("alice@sender.test"))).toHaveLength(1);
    expect(await auditTypes(accepted.messageId, nobody.id)).toEqual([
      "message.accepted",
      "delivery.attempted",
      "recipient.bounced",
      "sender_notice.sent",
    ]);
  });

  it("bounces a recipient whose domain publishes a null MX, recording the look-up as an attempt without a host", async () => {
    const accepted = await send(["someone@nomail.test"]);
    await runWorkerUntilIdle();

    const someone = await recipientOf(accepted.messageId, "someone@nomail.test");
    expect(someone).toMatchObject({ status: "bounced", outcomeClass: "no-mx" });
    const attempts = await getDb().deliveryAttempt.findMany({ where: { recipientId: someone.id } });
    expect(attempts).toEqual([
      expect.objectContaining({ outcome: "failed", failureClass: "no-mx", mxHost: null, mxIp: null, tlsProtocol: null, smtpReplies: "[]" }),
    ]);
    expect(attempts[0]!.failureDetail).toContain("null MX");
    const attempted = await getDb().auditEvent.findFirstOrThrow({ where: { recipientId: someone.id, type: "delivery.attempted" } });
    expect(JSON.parse(attempted.data)).toMatchObject({ mxHost: null, failureClass: "no-mx" });
    expect(await auditTypes(accepted.messageId, someone.id)).toEqual([
      "message.accepted",
      "delivery.attempted",
      "recipient.bounced",
      "sender_notice.sent",
    ]);
  });

  it("retries after a 451 and then delivers", async () => {
    const accepted = await send(["erin@flaky.test"]);
    await runWorkerUntilIdle();

    let erin = await recipientOf(accepted.messageId, "erin@flaky.test");
    expect(erin.status).toBe("queued");
    const job = await getDb().job.findFirstOrThrow({ where: { recipientId: erin.id, kind: "deliver" } });
    expect(job.doneAt).toBeNull();
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(job.lastError).toMatch(/^smtp-4xx/);

    // Let the retry come due now instead of in a minute.
    await getDb().$transaction((tx) => tx.job.update({ where: { id: job.id }, data: { runAt: new Date() } }));
    await runWorkerUntilIdle();

    erin = await recipientOf(accepted.messageId, "erin@flaky.test");
    expect(erin.status).toBe("delivered");
    const attempts = await getDb().deliveryAttempt.findMany({ where: { recipientId: erin.id }, orderBy: { startedAt: "asc" } });
    expect(attempts.map((a) => [a.outcome, a.failureClass])).toEqual([
      ["failed", "smtp-4xx"],
      ["delivered", null],
    ]);
    expect(peers.flaky.received).toHaveLength(1);
    expect(await auditTypes(accepted.messageId, erin.id)).toEqual([
      "message.accepted",
      "delivery.attempted",
      "delivery.attempted",
      "recipient.delivered",
    ]);
  });

  it("drops a recipient of a tls-only domain without STARTTLS and tells the sender", async () => {
    await setDomainPolicy("strict.test", "tls-only", { type: "system" });
    const dataBefore = count(peers.plain.commands, "DATA");
    const accepted = await send(["frank@strict.test"]);
    await runWorkerUntilIdle();

    const frank = await recipientOf(accepted.messageId, "frank@strict.test");
    expect(frank).toMatchObject({ status: "dropped", outcomeClass: "starttls-not-supported", notifiedAt: null });
    expect(count(peers.plain.commands, "DATA")).toBe(dataBefore);
    expect(await getDb().job.count({ where: { recipientId: frank.id, kind: "notify-recipient" } })).toBe(0);
    const notices = await getDb().devMailboxMessage.findMany({ where: { subject: "Not delivered: your message to frank@strict.test" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("verified encrypted connection");
    expect(await auditTypes(accepted.messageId, frank.id)).toEqual([
      "message.accepted",
      "delivery.attempted",
      "recipient.dropped",
      "sender_notice.sent",
    ]);
  });

  it("keeps one outcome when two workers race on one recipient after a lease expired", async () => {
    const accepted = await send(["henry@tls.test"]);
    const [stalled] = await claimJobs("stalled-worker", 1, 50);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [next] = await claimJobs("next-worker", 1, 60_000);
    expect(stalled).toBeDefined();
    expect(next?.id).toBe(stalled!.id);

    // Both deliver (SMTP is at-least-once), but only the first commit decides the outcome.
    await Promise.all([runDeliverJob(stalled!), runDeliverJob(next!)]);
    const henry = await recipientOf(accepted.messageId, "henry@tls.test");
    expect(henry.status).toBe("delivered");
    expect(peers.tls.received.filter((m) => m.envelope.to.includes("henry@tls.test"))).toHaveLength(2);
    const types = await auditTypes(accepted.messageId, henry.id);
    expect(count(types, "delivery.attempted")).toBe(2);
    expect(count(types, "recipient.delivered")).toBe(1);
    const job = await getDb().job.findUniqueOrThrow({ where: { id: next!.id } });
    expect(job.doneAt).toBeInstanceOf(Date);
  });
});
