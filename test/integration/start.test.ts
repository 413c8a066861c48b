import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";

// `sealpost smtp` and `sealpost worker` as separate processes on a data dir that does not exist yet, as on a
// fresh clone: they must create it, migrate, make the key ring and the intake certificate, then relay mail
// to the demo's two MX peers (verified TLS and no STARTTLS). The web part is left to the web tests.
const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "sealpost-start-")), "data");
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
delete process.env.MASTER_KEY_FILE;

const { DEMO_TLS_MX, ensureDemoCertificates } = await import("@/lib/cli/demo/ensure-demo-certificates");
const { startDemoDns } = await import("@/lib/cli/demo/start-demo-dns");
const { startDemoPeers } = await import("@/lib/cli/demo/start-demo-peers");
const { waitForDemoOutcomes } = await import("@/lib/cli/demo/wait-for-demo-outcomes");

const BIN = fileURLToPath(new URL("../../scripts/sealpost.mjs", import.meta.url));
const PLAIN_MX = "mx.plain-demo.test";
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const cleanup of cleanups) await cleanup();
});

/** Starts a part and resolves with its output once it reports it is running. */
function startPart(part: "smtp" | "worker", env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [BIN, part], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sealpost ${part} did not start:\n${output}`)), 20_000);
    child.stdout!.on("data", () => {
      if (output.includes("Sealpost is running.")) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    });
    child.on("exit", (code) => reject(new Error(`sealpost ${part} exited with ${code}:\n${output}`)));
  });
}

function stopWithSigterm(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve({ code, ms: Date.now() - started }));
    child.kill("SIGTERM");
  });
}

describe("sealpost smtp + sealpost worker on a fresh data dir", () => {
  it("bootstraps, relays one message over verified TLS, escrows the other, and stops on SIGTERM", async () => {
    const certificates = await ensureDemoCertificates(path.join(mkdtempSync(path.join(tmpdir(), "sealpost-demo-ca-")), "demo"));
    const peers = await startDemoPeers("127.0.0.1", DEMO_TLS_MX, PLAIN_MX, certificates);
    const dns = await startDemoDns("127.0.0.1", new Map([[DEMO_TLS_MX, "127.0.0.1"], [PLAIN_MX, "127.0.0.1"]]));
    cleanups.push(() => peers.close(), () => dns.close());
    const env = {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: "0",
      TRANSPORT_MAP: `tls-demo.test=${DEMO_TLS_MX}:${peers.tls.port},plain-demo.test=${PLAIN_MX}:${peers.plain.port}`,
      DNS_SERVERS: dns.server,
      EXTRA_CA_FILE: certificates.caFile,
      CONNECT_TIMEOUT: "3s",
      GREETING_TIMEOUT: "3s",
      SOCKET_TIMEOUT: "5s",
    };

    const smtp = await startPart("smtp", env);
    const port = Number(/SMTP smart host\s+127\.0\.0\.1:(\d+)/.exec(smtp.output())?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(statSync(path.join(dataDir, "master-keys.json")).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const worker = await startPart("worker", env);

    // A real SMTP client, verifying the generated intake certificate for SMTP_HOSTNAME (localhost).
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port,
      secure: false,
      requireTLS: true,
      tls: { servername: "localhost", ca: [readFileSync(path.join(dataDir, "smtp-tls-cert.pem"))] },
    });
    const since = new Date(Date.now() - 1_000);
    for (const to of ["alice@tls-demo.test", "bob@plain-demo.test"]) {
      const info = await transport.sendMail({ from: "Dana <dana@sender.example>", to, subject: "Figures Q3", text: "The numbers." });
      expect(info.response).toMatch(/^250 .*queued as \S+/);
    }
    transport.close();

    const outcomes = await waitForDemoOutcomes(["alice@tls-demo.test", "bob@plain-demo.test"], since, 20_000);
    const alice = outcomes.get("alice@tls-demo.test");
    expect(alice).toMatchObject({ status: "delivered", tlsProtocol: "TLSv1.3" });
    expect(alice?.attempts[0]).toMatchObject({ mxHost: DEMO_TLS_MX, failureClass: null });
    expect(alice?.attempts[0]?.certIssuer).toContain("Sealpost demo CA");
    const bob = outcomes.get("bob@plain-demo.test");
    expect(bob).toMatchObject({ status: "escrowed", outcomeClass: "starttls-not-supported" });
    expect(bob?.notifiedAt).not.toBeNull();

    // The TLS peer got the message encrypted; the plain peer never got it, only the content-free notification.
    expect(peers.received.filter((m) => m.subject === "Figures Q3")).toEqual([
      { mx: DEMO_TLS_MX, to: ["alice@tls-demo.test"], subject: "Figures Q3", encrypted: true },
    ]);
    expect(peers.received.filter((m) => m.mx === PLAIN_MX).every((m) => !m.subject.includes("Figures"))).toBe(true);

    const [stoppedSmtp, stoppedWorker] = await Promise.all([stopWithSigterm(smtp.child), stopWithSigterm(worker.child)]);
    expect(stoppedSmtp.code).toBe(0);
    expect(stoppedWorker.code).toBe(0);
    expect(Math.max(stoppedSmtp.ms, stoppedWorker.ms)).toBeLessThan(5_000);
    expect(smtp.output()).toContain("Stopped.");
  }, 60_000);
});
