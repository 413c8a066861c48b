import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { BootstrapError } from "@/lib/bootstrap/bootstrap-error";
import { REPO_ROOT } from "@/lib/bootstrap/repo-root";

// What the production bundle is built from. A newer file in any of them means the bundle is stale.
const BUILD_INPUTS = ["app", "lib", "generated", "public", "next.config.js"];

function newestChange(entry: string, newerThan: number): boolean {
  if (!existsSync(entry)) return false;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs > newerThan;
  return readdirSync(entry).some((child) => newestChange(path.join(entry, child), newerThan));
}

function needsBuild(): boolean {
  const buildId = path.join(REPO_ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((input) => newestChange(path.join(REPO_ROOT, input), builtAt));
}

async function buildWebApp(): Promise<void> {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "build"], { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"] });
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (status !== 0) throw new BootstrapError(`Building the web app failed (next build exit status ${status}); the output above says why.`);
}

export type WebServer = { url: string; port: number; close(): Promise<void> };

/**
 * Serves the Next.js app from this process (a custom server), building it first on a fresh clone or after
 * a source change. Next's bundle loads its own copies of lib/ modules, so nothing here shares singletons
 * with the SMTP server or worker running beside it; they only share the database.
 */
export async function startWebServer(opts: { host: string; port: number }): Promise<WebServer> {
  if (needsBuild()) {
    console.log("Building the web app (first start, or the source changed)…");
    await buildWebApp();
  }
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: REPO_ROOT, hostname: opts.host, port: opts.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("Unhandled error serving a web request:", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE" && error.code !== "EACCES") return reject(error);
      const problem = error.code === "EADDRINUSE" ? "is already in use" : "may not be opened by this user";
      reject(new BootstrapError(`Port ${opts.port} on ${opts.host} ${problem}. Stop the other program or set WEB_PORT / WEB_HOST.`));
    });
    server.listen(opts.port, opts.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = opts.host === "0.0.0.0" || opts.host === "::" ? "localhost" : opts.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests in progress get a few seconds to finish; keep-alive connections would hold close() open.
      const deadline = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(deadline);
      await app.close();
    },
  };
}
