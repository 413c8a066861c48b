// SMTP intake throughput: how many messages per second the smart host seals, commits and answers `250` for.
// Run on demand: `npx tsx bench/intake.ts [--messages 3000] [--sessions 20] [--size 10240] [--postgres URL]`.
//
// The smart host runs as `sealpost smtp` in a child process (as in production), on a fresh data directory, so
// the load generator here does not share its event loop. Two client shapes are measured, because smtp-server
// waits 100 ms before greeting every new connection (an early-talker check): "reused" keeps each of the
// sessions open for many messages (what Postfix as a relay client does with connection caching), "one per
// message" opens a connection per message (that 100 ms then caps the rate near sessions × 10 msg/s).
// Reference on this machine type (../shared/NOTES.md): Postfix 3.7 accepts ≈ 330–440 msg/s for 3,000 × 10 KB
// over 20 sessions; the target is 1.5× that, sealed and durable before `250`.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import nodemailer from "nodemailer";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "3000" },
    sessions: { type: "string", default: "20" },
    size: { type: "string", default: "10240" },
    postgres: { type: "string" },
  },
});
const MESSAGES = Number(values.messages);
const SESSIONS = Number(values.sessions);
const SIZE = Number(values.size);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function startSmartHost(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(" ") ?? []), "scripts/sealpost.mjs", "smtp"], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ...(values.postgres ? { DATABASE_URL: values.postgres } : {}),
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(port),
      SMTP_RELAY_NETWORKS: "127.0.0.0/8",
      SMTP_MAX_CONNECTIONS: String(SESSIONS * 2),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`smart host did not start:\n${output}`)), 120_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`smart host exited (${code}):\n${output}`)));
  });
  return child;
}

function body(i: number): string {
  const line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.\r\n";
  return `Message ${i}\r\n${line.repeat(Math.ceil(SIZE / line.length))}`.slice(0, SIZE);
}

/** CPU seconds a process has used so far (Linux /proc; utime + stime in USER_HZ ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Runs one measurement and says how busy each side was, as a share of one core: on two cores the load
 * generator (this process) competes with the smart host, so a host well below 100% is not the limit.
 */
async function measure(port: number, reuse: boolean, hostPid: number): Promise<string> {
  const hostBefore = cpuSeconds(hostPid);
  const selfBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const rate = await run(port, reuse);
  const wall = (performance.now() - wallBefore) / 1000;
  const self = process.cpuUsage(selfBefore);
  const host = (cpuSeconds(hostPid) - hostBefore) / wall;
  const generator = (self.user + self.system) / 1e6 / wall;
  return `${rate.toFixed(0)} msg/s (smart host ${(host * 100).toFixed(0)}% of a core, load generator ${(generator * 100).toFixed(0)}%)`;
}

/**
 * nodemailer's own sockets keep Nagle's algorithm on: the small final write of each message then waits for the
 * server's delayed ACK (40 ms on Linux), which capped 20 sessions near 430 msg/s whatever the smart host did.
 * Mail servers flush whole commands; so does this client.
 */
function getSocket(options: { host?: string; port?: number }, callback: (error: Error | null, socket?: { connection: Socket }) => void): void {
  const socket = connect(options.port ?? 25, options.host ?? "127.0.0.1", () => callback(null, { connection: socket }));
  socket.setNoDelay(true);
  socket.once("error", (error) => callback(error));
}

async function run(port: number, reuse: boolean): Promise<number> {
  const transports = Array.from({ length: SESSIONS }, () =>
    reuse
      ? nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity, getSocket })
      : nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, getSocket }),
  );
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    transports.map(async (transport) => {
      while (next < MESSAGES) {
        const i = next++;
        await transport.sendMail({ from: "bench@org.example", to: `r${i}@recipient.example`, subject: `Bench ${i}`, text: body(i) });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const transport of transports) transport.close();
  return MESSAGES / seconds;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "sealpost-bench-intake-"));
  const port = await freePort();
  const host = await startSmartHost(dataDir, port);
  try {
    console.log(`intake: ${MESSAGES} × ${SIZE} B over ${SESSIONS} sessions, ${values.postgres ? "PostgreSQL" : "SQLite"}`);
    await run(port, true); // warm-up: JIT, SQLite page cache
    const pid = host.pid as number;
    console.log(`  reused connections:    ${await measure(port, true, pid)}`);
    console.log(`  one per message:       ${await measure(port, false, pid)}`);
    console.log("  Postfix 3.7 reference: 330–440 msg/s (NOTES.md); target 1.5× ≈ 500–660 msg/s");
  } finally {
    host.kill("SIGTERM");
    await new Promise((resolve) => host.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
