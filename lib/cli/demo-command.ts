import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDataDir } from "@/lib/bootstrap/ensure-data-dir";
import { DEMO_TLS_MX, ensureDemoCertificates } from "@/lib/cli/demo/ensure-demo-certificates";
import { printDemoStory } from "@/lib/cli/demo/print-demo-story";
import { sendDemoMessages } from "@/lib/cli/demo/send-demo-messages";
import { startDemoDns } from "@/lib/cli/demo/start-demo-dns";
import { startDemoPeers } from "@/lib/cli/demo/start-demo-peers";
import { waitForDemoOutcomes } from "@/lib/cli/demo/wait-for-demo-outcomes";
import { expectPositionals, parseCommandArgs } from "@/lib/cli/parse-command-args";
import { printBanner } from "@/lib/cli/print-banner";
import { startServices, stopServices } from "@/lib/cli/run-services";
import { waitForShutdownSignal } from "@/lib/cli/wait-for-shutdown-signal";
import { getConfig, parseConfig } from "@/lib/config";

const LOOPBACK = "127.0.0.1";
const PLAIN_MX = "mx.plain-demo.test";
const RECIPIENTS = ["alice@tls-demo.test", "bob@plain-demo.test"];
const OUTCOME_TIMEOUT_MS = 60_000;

/** The demo CA on its own, or appended to an EXTRA_CA_FILE the operator already trusts. */
function extraCaFile(demoDir: string, demoCa: string, configured: string | undefined): string {
  if (!configured) return demoCa;
  const bundle = path.join(demoDir, "extra-ca-bundle.pem");
  writeFileSync(bundle, `${readFileSync(configured, "utf8").trimEnd()}\n${readFileSync(demoCa, "utf8")}`);
  return bundle;
}

/**
 * `sealpost demo`: the whole product plus two local MX peers, one with verified STARTTLS and one without,
 * and one message relayed in for each, so a newcomer sees a TLS delivery and an escrow on one machine.
 */
export async function runDemoCommand(args: string[]): Promise<void> {
  expectPositionals(parseCommandArgs(args, {}).positionals, 0, "no arguments after demo");
  // parseConfig, not getConfig: the demo's own settings below must be in place before anything caches them.
  const base = parseConfig(process.env);
  ensureDataDir(base.DATA_DIR);
  const demoDir = path.join(base.DATA_DIR, "demo");
  const certificates = await ensureDemoCertificates(demoDir);
  const peers = await startDemoPeers(LOOPBACK, DEMO_TLS_MX, PLAIN_MX, certificates);
  const dns = await startDemoDns(LOOPBACK, new Map([[DEMO_TLS_MX, LOOPBACK], [PLAIN_MX, LOOPBACK]]));
  // This process only: route the demo domains to the peers by name, resolve those names with the demo DNS,
  // trust the demo CA, and keep notifications in the dev mailbox.
  process.env.TRANSPORT_MAP = [...base.TRANSPORT_MAP, `tls-demo.test=${DEMO_TLS_MX}:${peers.tls.port}`, `plain-demo.test=${PLAIN_MX}:${peers.plain.port}`].join(",");
  process.env.DNS_SERVERS = dns.server;
  process.env.EXTRA_CA_FILE = extraCaFile(demoDir, certificates.caFile, base.EXTRA_CA_FILE);
  process.env.DEV_MAILBOX = "on";

  const stopPeers = async () => {
    await peers.close();
    await dns.close();
  };
  const running = await startServices({ web: true, smtp: true, worker: true }).catch(async (error: unknown) => {
    await stopPeers();
    throw error;
  });
  printBanner(running);
  console.log(`Demo MX hosts: ${DEMO_TLS_MX} on ${LOOPBACK}:${peers.tls.port} (STARTTLS, demo CA), ${PLAIN_MX} on ${LOOPBACK}:${peers.plain.port} (no STARTTLS).`);

  const config = getConfig();
  const since = new Date(Date.now() - 1_000);
  const intakeCert = running.bootstrap.intakeTls;
  try {
    console.log(`Relaying one message to each of ${RECIPIENTS.join(" and ")} into the smart host…`);
    await sendDemoMessages(
      {
        host: config.SMTP_HOST === "0.0.0.0" || config.SMTP_HOST === "::" ? LOOPBACK : config.SMTP_HOST,
        port: running.smtp?.port ?? config.SMTP_PORT,
        servername: config.SMTP_HOSTNAME,
        ca: intakeCert && intakeCert.source !== "configured" ? readFileSync(intakeCert.certFile) : null,
      },
      RECIPIENTS,
    );
    console.log("Accepted. Waiting for the worker to deliver (at most a minute)…");
    const outcomes = await waitForDemoOutcomes(RECIPIENTS, since, OUTCOME_TIMEOUT_MS);
    printDemoStory({ outcomes, addresses: RECIPIENTS, received: peers.received, mailboxUrl: running.web ? `${config.publicUrl}/admin/mailbox` : null });
  } catch (error) {
    console.error(`The demo messages could not be relayed: ${error instanceof Error ? error.message : String(error)}`);
    console.error("Everything else keeps running; press Ctrl-C to stop.");
  }

  const signal = await waitForShutdownSignal();
  console.log(`\n${signal} received: stopping (press Ctrl-C again to force)…`);
  await stopServices(running);
  await stopPeers();
  console.log("Stopped.");
}
