import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { startDnsServer } from "@/test/support/dns-server";
import { startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";

// Crash safety of the queue across processes: a worker in a child process is killed with SIGKILL while it has
// jobs in flight; a second worker takes the orphaned jobs once their lease expires. Every recipient must end
// with exactly one outcome. The MX may see a message twice (SMTP is at-least-once: the crash can fall between
// the MX's 250 and our commit), which is reported, not failed.

const MESSAGES = 200;
const mxName = "mx.crash.test";
const certs = await getTestCertificates(mxName);
const peer = await startMxPeer(certs.good);
const dns = await startDnsServer({ [mxName]: { a: [peer.host] } });
// The test CA goes into the worker's default trust store (NODE_EXTRA_CA_CERTS) rather than EXTRA_CA_FILE:
// this test is about the queue, and one shared TLS context keeps 200 handshakes cheap on a 2-core machine.
// test/integration/pipeline.test.ts covers EXTRA_CA_FILE.
const caFile = path.join(process.env.DATA_DIR!, "test-ca.pem");
writeFileSync(caFile, certs.caCert);
Object.assign(process.env, {
  DNS_SERVERS: dns.address,
  TRANSPORT_MAP: `crash.test=${mxName}:${peer.port}`,
  // Short, so the orphaned jobs come back within the test; still far above one delivery on loopback.
  JOB_LEASE: "4s",
  CONNECT_TIMEOUT: "3s",
  GREETING_TIMEOUT: "3s",
  SOCKET_TIMEOUT: "5s",
});

const { getDb } = await import("@/lib/db");
const { acceptMessage } = await import("@/lib/intake/accept-message");

const children = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await Promise.all([peer.close(), dns.close()]);
});

type WorkerChild = { child: ChildProcess; workerId: string; exited: Promise<void> };

/** Starts test/support/worker-process.ts under tsx with this file's environment; resolves once it polls. */
function startWorkerProcess(): Promise<WorkerChild> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/worker-process.ts"], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, TEST_WORKER_CONCURRENCY: "10" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^ready (\S+)$/m.exec(output);
      if (ready) resolve({ child, workerId: ready[1]!, exited });
    });
    child.once("exit", (code) => reject(new Error(`worker process exited early (code ${code})`)));
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("gives every recipient exactly one outcome when a worker is killed mid-flight", async () => {
  const db = getDb();
  for (let i = 0; i < MESSAGES; i++) {
    const raw = Buffer.from(`From: <load@sender.test>\r\nTo: <r${i}@crash.test>\r\nSubject: Load ${i}\r\n\r\nBody ${i}\r\n`);
    await acceptMessage({ source: "cli", raw, envelopeFrom: "load@sender.test", recipients: [`r${i}@crash.test`], actor: { type: "system" } });
  }

  const first = await startWorkerProcess();
  await waitUntil(async () => (await db.recipient.count({ where: { status: { not: "queued" } } })) >= 40, 30_000, "the first deliveries");
  first.child.kill("SIGKILL");
  await first.exited;
  // The crash must have hit work in progress, or this test proves nothing.
  const orphaned = await db.job.count({ where: { leaseOwner: first.workerId, doneAt: null } });
  const doneAtCrash = await db.recipient.count({ where: { status: { not: "queued" } } });
  expect(orphaned).toBeGreaterThan(0);
  expect(doneAtCrash).toBeLessThan(MESSAGES);

  const second = await startWorkerProcess();
  await waitUntil(async () => (await db.job.count({ where: { doneAt: null } })) === 0, 40_000, "all jobs to finish");
  second.child.kill("SIGTERM");
  await second.exited;

  const recipients = await db.recipient.findMany({ select: { id: true, address: true, status: true } });
  expect(recipients).toHaveLength(MESSAGES);
  expect(recipients.filter((r) => r.status !== "delivered")).toEqual([]);

  const outcomes = await db.auditEvent.groupBy({
    by: ["recipientId"],
    where: { type: { in: ["recipient.delivered", "recipient.escrowed", "recipient.bounced", "recipient.dropped"] } },
    _count: true,
  });
  expect(outcomes).toHaveLength(MESSAGES);
  expect(outcomes.filter((o) => o._count !== 1)).toEqual([]);
  expect(await db.job.count({ where: { doneAt: null } })).toBe(0);

  const perRecipient = new Map<string, number>();
  for (const message of peer.received) for (const to of message.envelope.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  expect(recipients.every((r) => (perRecipient.get(r.address) ?? 0) >= 1)).toBe(true);
  const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
  console.info(`worker crash: ${orphaned} jobs orphaned by SIGKILL after ${doneAtCrash} outcomes; ${duplicates} recipients got a duplicate at the MX (at-least-once SMTP)`);
}, 60_000);
