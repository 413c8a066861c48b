import path from "node:path";
import type { RunningServices } from "@/lib/cli/run-services";
import { getConfig } from "@/lib/config";

/** Tells the person at the terminal what is running where, and what to do first. */
export function printBanner(running: RunningServices): void {
  const config = getConfig();
  const { bootstrap } = running;
  const lines = ["", "Sealpost is running."];
  if (running.web) {
    lines.push(`  Web portal        ${config.publicUrl}   (listening on ${config.WEB_HOST}:${running.web.port})`);
  }
  if (running.smtp) {
    lines.push(
      `  SMTP smart host   ${config.SMTP_HOST}:${running.smtp.port}   (relay allowed from ${config.SMTP_RELAY_NETWORKS.join(", ") || "no networks: SMTP AUTH only"})`,
    );
  }
  if (running.worker) lines.push(`  Delivery worker   up to ${config.DELIVERY_CONCURRENCY} deliveries at once`);
  lines.push(`  Data directory    ${bootstrap.dataDir}`, `  Database          ${bootstrap.database}`);
  if (running.web && config.devMailbox) {
    lines.push(`  Dev mailbox       ${config.publicUrl}/admin/mailbox   (notifications are captured here; no relay is set)`);
  }
  if (bootstrap.keyRing === "created") {
    lines.push("", `A new master key ring was created at ${path.resolve(config.masterKeyFile)}.`, "Back it up: without it, escrowed mail cannot be opened.");
  }
  if (bootstrap.adminSetupLink) {
    lines.push("", "No admin account exists yet. Open this one-time link to create it:", `  ${bootstrap.adminSetupLink}`);
  }
  lines.push("", "Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}
