import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { describe, expect, it } from "vitest";

const { BootstrapError } = await import("@/lib/bootstrap/bootstrap-error");
const { createCertificate } = await import("@/lib/bootstrap/create-certificate");
const { ensureAuthSecret } = await import("@/lib/bootstrap/ensure-auth-secret");
const { ensureIntakeTls } = await import("@/lib/bootstrap/ensure-intake-tls");
const { ensureKeyRing } = await import("@/lib/bootstrap/ensure-key-ring");
const { runBootstrap } = await import("@/lib/bootstrap/run-bootstrap");
const { getConfig } = await import("@/lib/config");
const { getDb } = await import("@/lib/db");
const { loadKeyRing } = await import("@/lib/escrow/key-ring");

const scratch = () => mkdtempSync(path.join(tmpdir(), "sealpost-bootstrap-"));
const mode = (file: string) => statSync(file).mode & 0o777;

async function handshake(server: { key: string; cert: string }, ca: string, servername: string): Promise<tls.TLSSocket> {
  const listener = tls.createServer(server, (socket) => socket.end());
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const { port } = listener.address() as AddressInfo;
  try {
    return await new Promise<tls.TLSSocket>((resolve, reject) => {
      const socket = tls.connect({ host: "127.0.0.1", port, servername, ca: [ca] }, () => {
        socket.end();
        resolve(socket);
      });
      socket.on("error", reject);
    });
  } finally {
    listener.close();
  }
}

// Order matters: the key ring tests need a database without messages first, then one with a message.
describe("master key ring", () => {
  it("is created with mode 0600 when the database is new", async () => {
    const file = path.join(scratch(), "keys", "master-keys.json");
    expect(await ensureKeyRing(file, getDb())).toBe("created");
    expect(mode(file)).toBe(0o600);
    expect(loadKeyRing(file).keys.size).toBe(1);
    expect(await ensureKeyRing(file, getDb())).toBe("existing");
  });

  it("is never silently replaced when the database already holds messages", async () => {
    await getDb().message.create({
      data: { source: "cli", envelopeFrom: "a@example.org", fromName: "", fromAddress: "a@example.org", sizeBytes: 1, dataKeyId: "k1-test", wrappedDataKey: Buffer.alloc(60) },
    });
    const file = path.join(scratch(), "master-keys.json");
    const refusal = ensureKeyRing(file, getDb());
    await expect(refusal).rejects.toBeInstanceOf(BootstrapError);
    await expect(refusal).rejects.toThrow(/is missing, but the database holds 1 sealed message/);
    expect(existsSync(file)).toBe(false);
  });
});

describe("AUTH_SECRET", () => {
  it("is generated once into the data dir (0600) and reused", () => {
    const dir = scratch();
    const before = process.env.AUTH_SECRET;
    try {
      expect(ensureAuthSecret(undefined, dir)).toBe("generated");
      const file = path.join(dir, "auth-secret");
      const secret = readFileSync(file, "utf8").trim();
      expect(mode(file)).toBe(0o600);
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(process.env.AUTH_SECRET).toBe(secret);
      process.env.AUTH_SECRET = "";
      expect(ensureAuthSecret(undefined, dir)).toBe("file");
      expect(process.env.AUTH_SECRET).toBe(secret);
    } finally {
      process.env.AUTH_SECRET = before;
    }
  });

  it("is left alone when configured, and a damaged file stops start-up", () => {
    const dir = scratch();
    expect(ensureAuthSecret("x".repeat(40), dir)).toBe("configured");
    expect(existsSync(path.join(dir, "auth-secret"))).toBe(false);
    writeFileSync(path.join(dir, "auth-secret"), "short\n", { mode: 0o600 });
    expect(() => ensureAuthSecret(undefined, dir)).toThrow(BootstrapError);
  });
});

describe("certificates", () => {
  it("builds a CA and a leaf that a verifying TLS client accepts for the leaf's DNS name only", async () => {
    const ca = await createCertificate({ commonName: "Test CA", dnsNames: [], validDays: 30, isCa: true });
    const leaf = await createCertificate({ commonName: "mx.example.test", dnsNames: ["mx.example.test"], validDays: 30, issuer: ca });
    const socket = await handshake({ key: leaf.privateKeyPem, cert: leaf.certificatePem }, ca.certificatePem, "mx.example.test");
    expect(socket.authorized).toBe(true);
    expect(socket.getProtocol()).toBe("TLSv1.3");
    await expect(handshake({ key: leaf.privateKeyPem, cert: leaf.certificatePem }, ca.certificatePem, "other.example.test")).rejects.toThrow(
      /does not match certificate's altnames/,
    );
    const parsed = new X509Certificate(leaf.certificatePem);
    expect(parsed.checkIssued(new X509Certificate(ca.certificatePem))).toBe(true);
    expect(parsed.ca).toBe(false);
    expect(new X509Certificate(ca.certificatePem).ca).toBe(true);
  });

  it("honours an explicit validity window and leaves out subjectAltName when given no DNS names", async () => {
    const notBefore = new Date("2030-01-02T03:04:05Z");
    const notAfter = new Date("2031-01-02T03:04:05Z");
    const pair = await createCertificate({ commonName: "cn-only.example.test", dnsNames: [], notBefore, notAfter });
    const parsed = new X509Certificate(pair.certificatePem);
    expect(new Date(parsed.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(parsed.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(parsed.subject).toBe("CN=cn-only.example.test");
    expect(parsed.subjectAltName).toBeUndefined();
    expect(parsed.verify(parsed.publicKey)).toBe(true);
  });

  it("generates the intake STARTTLS pair for SMTP_HOSTNAME and renews it when the name changes", async () => {
    const dataDir = scratch();
    const first = await ensureIntakeTls({ hostname: "smtp.example.test", dataDir });
    expect(first.source).toBe("generated");
    expect(mode(first.keyFile)).toBe(0o600);
    expect(new X509Certificate(readFileSync(first.certFile)).checkHost("smtp.example.test")).toBe("smtp.example.test");
    expect((await ensureIntakeTls({ hostname: "smtp.example.test", dataDir })).source).toBe("existing");
    const renamed = await ensureIntakeTls({ hostname: "relay.example.test", dataDir });
    expect(renamed.source).toBe("generated");
    expect(new X509Certificate(readFileSync(renamed.certFile)).checkHost("relay.example.test")).toBe("relay.example.test");
    await expect(ensureIntakeTls({ keyFile: first.keyFile, hostname: "x", dataDir })).rejects.toThrow(/Set both/);
  });
});

describe("runBootstrap", () => {
  it("migrates, keeps the existing key ring and prints a first-admin link while no admin exists", async () => {
    const report = await runBootstrap({ intakeTls: true, adminLink: true });
    expect(report.keyRing).toBe("existing");
    expect(report.authSecret).toBe("configured");
    expect(report.intakeTls?.certFile).toBe(path.join(getConfig().DATA_DIR, "smtp-tls-cert.pem"));
    expect(report.adminSetupLink).toMatch(/^http:\/\/localhost:3000\/setup\/[A-Za-z0-9_-]{43}$/);
    expect(report.database).toBe(path.resolve(getConfig().databaseUrl.replace(/^file:/, "")));
    expect(report.dataDir).toBe(path.resolve(getConfig().DATA_DIR));
  });
});
