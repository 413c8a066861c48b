import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type PostgresServer = { url: string; stop(): Promise<void> };

/** Debian's server binaries (the `postgresql` package), newest version first. */
function findPostgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((version) => path.join(root, version, "bin")).find((dir) => existsSync(path.join(dir, "initdb")));
  if (!bin) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql");
  return bin;
}

/** A port nobody listens on right now; PostgreSQL binds it a moment later (a race we accept in tests). */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

// initdb and postgres refuse to run as root, so as root they run as the `postgres` OS user, who must own the dir.
function asServerUser(dir: string): (file: string, args: string[]) => [string, string[]] {
  if (process.getuid?.() !== 0) return (file, args) => [file, args];
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
  chownSync(dir, uid, gid);
  return (file, args) => ["runuser", ["-u", "postgres", "--", file, ...args]];
}

/**
 * Starts a private PostgreSQL cluster for one test file: its own temp dir, trust auth, TCP on 127.0.0.1 only
 * (unix sockets stay in the temp dir), fsync off because the data is thrown away.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), "sealpost-pg-"));
  const dataDir = path.join(dir, "data");
  const command = asServerUser(dir);
  const pgCtl = (args: string[]) => command(path.join(bin, "pg_ctl"), ["-D", dataDir, ...args]);
  const logFile = path.join(dir, "server.log");
  // Also the safety net if the test process dies before stop(): never leave a server running.
  const stopNow = () => {
    try {
      execFileSync(...pgCtl(["-m", "immediate", "stop"]), { stdio: "ignore" });
    } catch {
      // Not running (never started, or already stopped).
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let port: number;
  try {
    await run(...command(path.join(bin, "initdb"), ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]));
    port = await findFreePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`;
    await run(...pgCtl(["-l", logFile, "-o", options, "-w", "-t", "20", "start"]));
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "";
    stopNow();
    throw new Error(`PostgreSQL test server did not start: ${(error as Error).message}\n${log}`);
  }
  process.once("exit", stopNow);

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      process.removeListener("exit", stopNow);
      await run(...pgCtl(["-m", "immediate", "-w", "stop"]));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
