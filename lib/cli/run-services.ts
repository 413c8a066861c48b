import { BootstrapError } from "@/lib/bootstrap/bootstrap-error";
import { runBootstrap, type BootstrapReport } from "@/lib/bootstrap/run-bootstrap";
import { printBanner } from "@/lib/cli/print-banner";
import { waitForShutdownSignal } from "@/lib/cli/wait-for-shutdown-signal";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { startSmtpServer } from "@/lib/intake/smtp-server";
import { startWorker } from "@/lib/queue/worker";
import { startWebServer, type WebServer } from "@/lib/web/start-web-server";

export type ServiceParts = { web: boolean; smtp: boolean; worker: boolean };

export type RunningServices = {
  bootstrap: BootstrapReport;
  web: WebServer | null;
  smtp: { port: number; close(): Promise<void> } | null;
  worker: { stop(): Promise<void> } | null;
};

/** Bootstraps, then starts the requested parts in this process. */
export async function startServices(parts: ServiceParts): Promise<RunningServices> {
  const bootstrap = await runBootstrap({ intakeTls: parts.smtp, adminLink: parts.web });
  const config = getConfig();
  const running: RunningServices = { bootstrap, web: null, smtp: null, worker: null };
  try {
    if (parts.web) running.web = await startWebServer({ host: config.WEB_HOST, port: config.WEB_PORT });
    if (parts.smtp) {
      running.smtp = await startSmtpServer({ host: config.SMTP_HOST, port: config.SMTP_PORT }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EADDRINUSE") throw error;
        throw new BootstrapError(`Port ${config.SMTP_PORT} on ${config.SMTP_HOST} is already in use. Stop the other program or set SMTP_PORT / SMTP_HOST.`);
      });
    }
    if (parts.worker) running.worker = startWorker();
  } catch (error) {
    await stopServices(running);
    throw error;
  }
  return running;
}

/**
 * Graceful stop, in the order that loses nothing: refuse new mail first (clients retry elsewhere or later),
 * let the worker finish the jobs it holds, then close the web app and the database.
 */
export async function stopServices(running: RunningServices): Promise<void> {
  await running.smtp?.close();
  await running.worker?.stop();
  await running.web?.close();
  await getDb().$disconnect();
}

/** The long-running commands: start the parts, print where they are, run until SIGINT/SIGTERM. */
export async function runServicesUntilSignal(parts: ServiceParts): Promise<void> {
  const running = await startServices(parts);
  printBanner(running);
  const signal = await waitForShutdownSignal();
  console.log(`\n${signal} received: stopping (press Ctrl-C again to force)…`);
  await stopServices(running);
  console.log("Stopped.");
}
