import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Browser tests run the real production server (`next start`) against the calling test file's own database,
// data dir and key ring (test/support/setup-env.ts). The one shared `.next` is built here, at most once at a
// time across every process on the machine (parallel test files, several people's test runs):
// - `.next-build.lock/` (mkdir is atomic) is held while checking freshness, building and registering a server;
// - every running server leaves a file in `.next-build.lock.readers/`; a build waits for them to stop, because
//   rebuilding deletes the chunks a running server is still serving.
//
// The server gets PUBLIC_URL = its own http://localhost:<port>. The test process's getConfig() may already have
// cached PUBLIC_URL=http://localhost:3000 (setup-env), so links built in the test process point at port 3000:
// tests must build URLs from the `url` returned here (e.g. replace the origin of a link taken from an email).

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const BUILD_ID = path.join(ROOT, ".next/BUILD_ID");
const LOCK = path.join(ROOT, ".next-build.lock");
const READERS = path.join(ROOT, ".next-build.lock.readers");
// What the bundle is built from; a file newer than BUILD_ID means the bundle is stale.
const BUILD_INPUTS = ["app", "lib", "generated", "public", "next.config.js", "package.json", "proxy.ts", "postcss.config.mjs"];
const STALE_LOCK_MS = 10 * 60_000;
const READER_WAIT_MS = 5 * 60_000;
const READY_TIMEOUT_MS = 60_000;
// Preloaded into the server: its stdin is a pipe from this process, which closes however this process ends
// (a vitest worker killed on timeout gets no "exit" event), so the server never outlives its test.
const EXIT_WITH_PARENT = 'data:text/javascript,process.stdin.on("end",()=>process.exit(0));process.stdin.resume();';

export type WebApp = { url: string; stop(): Promise<void> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function newerThan(entry: string, time: number): boolean {
  if (!existsSync(entry)) return false;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs > time;
  return readdirSync(entry).some((child) => newerThan(path.join(entry, child), time));
}

function isStale(): boolean {
  return !existsSync(BUILD_ID) || changedSince(statSync(BUILD_ID).mtimeMs);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A holder that crashed leaves the directory behind; after 10 minutes nobody is still building.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // Released between the mkdir and the stat: try again.
      }
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Files of servers still running (their test process is alive); files of dead processes are removed. */
function liveReaders(): string[] {
  if (!existsSync(READERS)) return [];
  return readdirSync(READERS).filter((name) => {
    const pid = Number(name.split("-")[0]);
    if (Number.isInteger(pid) && isAlive(pid)) return true;
    rmSync(path.join(READERS, name), { force: true });
    return false;
  });
}

function changedSince(time: number): boolean {
  return BUILD_INPUTS.some((input) => newerThan(path.join(ROOT, input), time));
}

async function runNextBuild(): Promise<{ ok: boolean; output: string }> {
  const output: string[] = [];
  const child = spawn(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  });
  return { ok: status === 0, output: output.join("") };
}

async function build(): Promise<void> {
  const deadline = Date.now() + READER_WAIT_MS;
  while (liveReaders().length > 0 && Date.now() < deadline) await sleep(500);
  // A source file saved (or moved) while the build ran can fail it; build again then, a few times at most.
  for (let attempt = 1; ; attempt++) {
    const startedAt = new Date();
    const { ok, output } = await runNextBuild();
    if (ok) {
      // Date the bundle by when the build started: a file saved during the build makes the next caller rebuild.
      utimesSync(BUILD_ID, startedAt, startedAt);
      return;
    }
    if (attempt >= 3 || !changedSince(startedAt.getTime())) throw new Error(`next build failed:\n${output}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "localhost", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with status ${child.exitCode}:\n${output.join("")}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`next start did not answer /api/health within ${READY_TIMEOUT_MS / 1000} s:\n${output.join("")}`);
}

/**
 * Builds `.next` if it is missing or stale, then runs `next start` on a free localhost port with this test
 * file's environment plus `env`. Call `stop()` in afterAll; the child is also killed when this process exits.
 */
export async function startWebApp(env: Record<string, string> = {}): Promise<WebApp> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const readerFile = path.join(READERS, `${process.pid}-${port}`);
  await withBuildLock(async () => {
    if (isStale()) await build();
    mkdirSync(READERS, { recursive: true });
    writeFileSync(readerFile, url);
  });

  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", EXIT_WITH_PARENT, NEXT_BIN, "start", "-p", String(port), "-H", "localhost"], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PUBLIC_URL: url, WEB_PORT: String(port) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => {
    output.push(chunk.toString());
    if (process.env.WEB_APP_LOG) process.stderr.write(chunk);
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(readerFile, { force: true });
  };

  try {
    await waitForHealth(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
