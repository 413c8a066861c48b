// Forced-TLS delivery throughput, end to end: queued messages → worker → verified STARTTLS → a loopback MX.
// Run on demand: `npx tsx bench/delivery.ts [--messages 2000] [--size 10240] [--concurrency 20]`.
//
// The queue is filled first (acceptMessage, as intake does), then one `sealpost worker` process delivers it
// while this process plays the MX: an smtp-server with a certificate from a generated CA, reached by name
// through TRANSPORT_MAP and a loopback DNS server, trusted through EXTRA_CA_FILE — Postfix `verify` semantics.
// Reference on this machine type (../shared/NOTES.md): Postfix 3.7 `verify` ≈ 160 msg/s end to end
// (≈ 215 with connection reuse); the target is 1.5× ≈ 240 msg/s.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startDnsServer } from "@/test/support/dns-server";
import { startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "2000" },
    size: { type: "string", default: "10240" },
    concurrency: { type: "string", default: "20" },
  },
});
const MESSAGES = Number(values.messages);
const SIZE = Number(values.size);

const dataDir = mkdtempSync(path.join(tmpdir(), "sealpost-bench-delivery-"));
const MX_NAME = "mx.bench.test";
const certs = await getTestCertificates(MX_NAME);
const mx = await startMxPeer(certs.good);
const dns = await startDnsServer({ [MX_NAME]: { a: [mx.host] } });
const caFile = path.join(dataDir, "bench-ca.pem");
writeFileSync(caFile, certs.caCert);
const env = {
  DATA_DIR: dataDir,
  DNS_SERVERS: dns.address,
  EXTRA_CA_FILE: caFile,
  TRANSPORT_MAP: `bench.test=${MX_NAME}:${mx.port}`,
  DELIVERY_CONCURRENCY: values.concurrency,
  SMTP_HOSTNAME: "gateway.bench.test",
};
Object.assign(process.env, env);

const { runBootstrap } = await import("@/lib/bootstrap/run-bootstrap");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { getDb } = await import("@/lib/db");

await runBootstrap({ intakeTls: false, adminLink: false });
const line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.\r\n";
const body = line.repeat(Math.ceil(SIZE / line.length)).slice(0, SIZE);
let next = 0;
await Promise.all(
  Array.from({ length: 20 }, async () => {
    while (next < MESSAGES) {
      const i = next++;
      await acceptMessage({
        source: "cli",
        raw: Buffer.from(`From: sender@org.example\r\nTo: r${i}@bench.test\r\nSubject: Bench ${i}\r\n\r\n${body}`),
        envelopeFrom: "sender@org.example",
        recipients: [`r${i}@bench.test`],
        actor: { type: "system" },
      });
    }
  }),
);
await getDb().$disconnect();
console.log(`delivery: ${MESSAGES} × ${SIZE} B queued; worker concurrency ${values.concurrency}; verify-level TLS to ${MX_NAME}`);

const started = process.hrtime.bigint();
const worker = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(" ") ?? []), "scripts/sealpost.mjs", "worker"], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
worker.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
const deadline = Date.now() + 10 * 60_000;
while (mx.received.length < MESSAGES && Date.now() < deadline && worker.exitCode === null) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
worker.kill("SIGTERM");
await new Promise((resolve) => worker.once("exit", resolve));
const overTls = mx.received.filter((message) => message.secure).length;
console.log(`  delivered ${mx.received.length} (${overTls} over TLS) in ${seconds.toFixed(1)} s: ${(mx.received.length / seconds).toFixed(0)} msg/s`);
console.log("  Postfix 3.7 `verify` reference: ≈ 160 msg/s (≈ 215 reusing connections); target 1.5× ≈ 240 msg/s");
if (mx.received.length < MESSAGES) console.log(`  incomplete; worker said:\n${stderr.slice(-2000)}`);
await mx.close();
await dns.close();
rmSync(dataDir, { recursive: true, force: true });
