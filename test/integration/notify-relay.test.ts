import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";

// Notifications through a configured relay (SMTP_RELAY_URL), DKIM-signed, with the original subject turned on:
// with a relay the dev mailbox is off, so the relay peer is the only place a notification can show up.

const relay = await startMxPeer({
  ...(await getTestCertificates("relay.test")).good,
  starttls: false,
  rcpt: (_i, to) => (to.startsWith("blocked@") ? { code: 550, message: "5.7.1 Relaying denied" } : undefined),
});
const keyFile = path.join(process.env.DATA_DIR!, "dkim.pem");
writeFileSync(keyFile, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }));
Object.assign(process.env, {
  SMTP_RELAY_URL: `smtp://${relay.host}:${relay.port}`,
  NOTIFY_FROM: "notices@gateway.test",
  NOTIFY_INCLUDE_SUBJECT: "true",
  DKIM_DOMAIN: "gateway.test",
  DKIM_SELECTOR: "sp1",
  DKIM_PRIVATE_KEY_FILE: keyFile,
  ORG_NAME: "Acme",
  CONNECT_TIMEOUT: "3s",
  GREETING_TIMEOUT: "3s",
  SOCKET_TIMEOUT: "5s",
});

const { getDb } = await import("@/lib/db");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { startWorker } = await import("@/lib/queue/worker");

afterAll(() => relay.close());

const BODY = "Payroll file attached, code 5521.";

async function sendSecure(to: string) {
  const raw = Buffer.from(
    `From: Alice Sender <alice@sender.test>\r\nTo: ${to}\r\nSubject: [secure] Salary review\r\nMIME-Version: 1.0\r\n\r\n${BODY}\r\n`,
  );
  return acceptMessage({ source: "cli", raw, envelopeFrom: "alice@sender.test", recipients: [to], actor: { type: "system" } });
}

async function runWorkerUntilIdle(): Promise<void> {
  const worker = startWorker({ concurrency: 2, pollMs: 20, maxPollMs: 100 });
  try {
    const deadline = Date.now() + 15_000;
    while ((await getDb().job.count({ where: { doneAt: null, runAt: { lte: new Date() } } })) > 0) {
      if (Date.now() > deadline) throw new Error("jobs still due after 15 s");
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  } finally {
    await worker.stop();
  }
}

describe("notification through a relay", () => {
  it("relays a DKIM-signed notification with the sender's name, Reply-To and the subject without its tag", async () => {
    const accepted = await sendSecure("grace@far.test");
    await runWorkerUntilIdle();

    expect(relay.received).toHaveLength(1);
    const [mail] = relay.received;
    expect(mail!.envelope).toEqual({ from: "notices@gateway.test", to: ["grace@far.test"] });
    const text = mail!.data.toString();
    const headerBlock = text.slice(0, text.indexOf("\r\n\r\n"));
    expect(headerBlock).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=gateway\.test;/m);
    expect(headerBlock).toMatch(/ s=sp1;/);
    expect(headerBlock).toMatch(/^From: Alice Sender via Acme <notices@gateway\.test>$/m);
    expect(headerBlock).toMatch(/^Reply-To: alice@sender\.test$/m);
    expect(headerBlock).toMatch(/^Subject: Secure message from Alice Sender: Salary review$/m);
    expect(headerBlock).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(text).not.toContain("[secure]");
    expect(text).not.toContain(BODY);

    expect(await getDb().devMailboxMessage.count()).toBe(0);
    const recipient = await getDb().recipient.findFirstOrThrow({ where: { messageId: accepted.messageId } });
    expect(recipient.notifiedAt).toBeInstanceOf(Date);
    const sent = await getDb().auditEvent.findFirstOrThrow({ where: { recipientId: recipient.id, type: "notification.sent" } });
    expect(JSON.parse(sent.data)).toMatchObject({ via: "relay", delivered: true, capturedInDevMailbox: false, subjectIncluded: true });
  });

  it("retries a refused notification with a fresh link, then gives up after a day and audits the failure", async () => {
    const accepted = await sendSecure("blocked@far.test");
    await runWorkerUntilIdle();

    const recipient = await getDb().recipient.findFirstOrThrow({ where: { messageId: accepted.messageId } });
    expect(recipient).toMatchObject({ status: "escrowed", notifiedAt: null });
    const job = await getDb().job.findFirstOrThrow({ where: { recipientId: recipient.id, kind: "notify-recipient" } });
    expect(job).toMatchObject({ doneAt: null, leaseOwner: null });
    expect(job.lastError).toMatch(/^relay: .*550/);
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());

    // A day later (the job is old enough to give up on) the last try fails too.
    await getDb().$transaction((tx) =>
      tx.job.update({ where: { id: job.id }, data: { runAt: new Date(), createdAt: new Date(Date.now() - 25 * 3_600_000) } }),
    );
    await runWorkerUntilIdle();

    expect((await getDb().job.findUniqueOrThrow({ where: { id: job.id } })).doneAt).toBeInstanceOf(Date);
    const types = (await getDb().auditEvent.findMany({ where: { recipientId: recipient.id }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["recipient.escrowed", "notification.failed"]);
    // Each try made a new link and retired the one before: only the newest still works.
    const tokens = await getDb().accessToken.findMany({ where: { recipientId: recipient.id } });
    expect(tokens).toHaveLength(2);
    expect(tokens.filter((t) => t.expiresAt > new Date())).toHaveLength(1);
  });
});
