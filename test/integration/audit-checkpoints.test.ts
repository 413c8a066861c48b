import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { appendFileSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { startMxPeer } from "@/test/support/mx-peer";
import { getTestCertificates } from "@/test/support/test-ca";

// Signed checkpoints against a real SQLite file, a real key file and a real relay that receives the copies.
const relayState = { refuse: false };
const relay = await startMxPeer({
  ...(await getTestCertificates("relay.test")).good,
  starttls: false,
  rcpt: () => (relayState.refuse ? { code: 550, message: "5.7.1 Mailbox unavailable" } : undefined),
});
Object.assign(process.env, {
  SMTP_RELAY_URL: `smtp://${relay.host}:${relay.port}`,
  AUDIT_CHECKPOINT_EMAIL: "evidence@auditor.test",
  AUDIT_CHECKPOINT_INTERVAL: "1h",
  CONNECT_TIMEOUT: "2s",
  GREETING_TIMEOUT: "2s",
  SOCKET_TIMEOUT: "3s",
});

const { getDb } = await import("@/lib/db");
const { recordAuditEvent } = await import("@/lib/audit/record-event");
const { verifyAuditChain } = await import("@/lib/audit/verify-chain");
const { writeCheckpoint, writeDueCheckpoint } = await import("@/lib/audit/write-checkpoint");
const { checkpointFile } = await import("@/lib/audit/checkpoint-file");
const { auditKeyFile, getAuditSigningKey } = await import("@/lib/audit/audit-signing-key");
const { signAuditStatement } = await import("@/lib/audit/sign-audit-statement");
const { hashAuditEvent } = await import("@/lib/audit/hash-audit-event");
const { canonicalJson } = await import("@/lib/audit/canonical-json");
const { runAuditVerification } = await import("@/lib/audit/run-audit-verification");
const { AccessDeniedError } = await import("@/lib/auth/roles");
const { main } = await import("@/lib/cli/main");

const db = getDb();
const HOUR = 3_600_000;

async function recordSignOut(actorId: string): Promise<void> {
  await db.$transaction((tx) => recordAuditEvent(tx, { type: "user.signed_out", actorType: "user", actorId, outcome: "success" }));
}

async function cli(args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  const err = vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => lines.push(String(chunk)) > 0);
  try {
    return { code: await main(args), output: lines.join("\n") };
  } finally {
    log.mockRestore();
    err.mockRestore();
    stderr.mockRestore();
  }
}

beforeAll(async () => {
  for (const id of ["u1", "u2", "u3", "u4"]) await recordSignOut(id);
});
afterAll(() => relay.close());

describe("signed checkpoints", () => {
  it("signs the head into the checkpoint file, audits it and mails a copy", async () => {
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const written = await writeCheckpoint();
    expect(written).not.toBeNull();
    const { checkpoint, line, email } = written!;
    expect(checkpoint).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(email).toBe("sent");

    // The key: a 0600 PEM file outside the database; its id is the start of SHA-256 over the public key DER.
    expect(statSync(auditKeyFile()).mode & 0o777).toBe(0o600);
    const key = getAuditSigningKey();
    expect(checkpoint.keyId).toBe(createHash("sha256").update(key.publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16));

    expect(readFileSync(checkpointFile(), "utf8")).toBe(`${line}\n`);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "audit.checkpoint_written" } });
    expect(event.seq).toBe(head.seq + 1);
    expect(JSON.parse(event.data)).toEqual({ seq: head.seq, hash: head.hash, keyId: checkpoint.keyId });

    expect(relay.received).toHaveLength(1);
    expect(relay.received[0]?.envelope.to).toEqual(["evidence@auditor.test"]);
    const mail = await simpleParser(relay.received[0]!.data);
    expect(mail.subject).toBe(`Audit checkpoint #${head.seq}`);
    expect(mail.text).toContain(line);

    expect(await verifyAuditChain({ checkpoints: true })).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it("writes a due checkpoint only after the interval and only when the chain grew", async () => {
    const now = Date.now();
    await recordSignOut("u5");
    expect(await writeDueCheckpoint(new Date(now))).toBeNull(); // the last one is minutes old
    const due = await writeDueCheckpoint(new Date(now + 2 * HOUR));
    expect(due?.checkpoint.seq).toBe((await db.auditEvent.count()) - 1);
    // Nothing but the checkpoint's own event since: an idle chain is not signed again.
    expect(await writeDueCheckpoint(new Date(now + 4 * HOUR))).toBeNull();
    expect(readFileSync(checkpointFile(), "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("audits a checkpoint email that could not be sent", async () => {
    relayState.refuse = true;
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const written = await writeCheckpoint();
      expect(written?.email).toBe("failed");
      expect(String(logged.mock.calls[0]?.[0])).toContain(`checkpoint #${written?.checkpoint.seq} could not be mailed`);
      const failed = await db.auditEvent.findFirstOrThrow({ where: { type: "notification.failed" }, orderBy: { seq: "desc" } });
      expect(JSON.parse(failed.data)).toMatchObject({ notice: "audit-checkpoint", seq: written?.checkpoint.seq, via: "relay" });
    } finally {
      relayState.refuse = false;
      logged.mockRestore();
    }
  });

  it("lets admin and compliance verify from the UI, audited, and no one else", async () => {
    const compliance = { id: "c1", email: "c@org.test", name: "C", role: "compliance" as const };
    const report = await runAuditVerification(compliance, { sourceIp: "192.0.2.4" });
    expect(report).toMatchObject({ ok: true, checkpoints: 3 });
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ type: "audit.verified", actorId: "c1", sourceIp: "192.0.2.4", outcome: "success" });
    expect(JSON.parse(event.data)).toMatchObject({ ok: true, checkedEvents: report.ok ? report.events : -1 });
    const sender = { ...compliance, id: "s1", role: "sender" as const };
    await expect(runAuditVerification(sender)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe("an attacker with the database file (triggers dropped)", () => {
  const raw = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: (process.env.DATABASE_URL ?? "").replace(/^file:/, "") }) });
  beforeAll(async () => {
    await raw.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_update"`);
    await raw.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_delete"`);
  });
  afterAll(() => raw.$disconnect());

  it("rewrites the chain consistently: plain verify passes, checkpoint verify names the checkpoint's seq", async () => {
    const original = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    const firstCheckpoint = JSON.parse(readFileSync(checkpointFile(), "utf8").split("\n")[0]!) as { seq: number };
    // Forge event #2, then recompute every hash after it so each link adds up again.
    let prevHash = original[0]!.hash;
    for (const row of original.slice(1)) {
      const data = row.seq === 2 ? canonicalJson({ forged: true }) : row.data;
      const hash = hashAuditEvent(prevHash, { ...row, data });
      await raw.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = ?, "prevHash" = ?, "hash" = ? WHERE "seq" = ?`, data, prevHash, `tmp-${row.seq}`, row.seq);
      await raw.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hash" = ? WHERE "seq" = ?`, hash, row.seq);
      prevHash = hash;
    }
    try {
      expect(await verifyAuditChain({ batchSize: 3 })).toMatchObject({ ok: true, events: original.length });
      expect(await verifyAuditChain({ checkpoints: true, batchSize: 3 })).toMatchObject({ ok: false, seq: firstCheckpoint.seq, problem: "rewritten" });
      expect((await cli(["audit", "verify"])).code).toBe(0);
      const withCheckpoints = await cli(["audit", "verify", "--checkpoints"]);
      expect(withCheckpoints.code).toBe(1);
      expect(withCheckpoints.output).toContain(`Audit chain broken at event #${firstCheckpoint.seq}: rewritten`);
    } finally {
      for (const row of original) {
        await raw.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hash" = ? WHERE "seq" = ?`, `tmp-${row.seq}`, row.seq);
      }
      for (const row of original) {
        await raw.$executeRawUnsafe(`UPDATE "AuditEvent" SET "data" = ?, "prevHash" = ?, "hash" = ? WHERE "seq" = ?`, row.data, row.prevHash, row.hash, row.seq);
      }
    }
    expect((await verifyAuditChain({ checkpoints: true })).ok).toBe(true);
  });

  it("refuses a checkpoint whose signature does not verify, naming its seq", async () => {
    const file = checkpointFile();
    const saved = readFileSync(file, "utf8");
    const genuine = JSON.parse(saved.split("\n")[0]!) as Record<string, unknown> & { seq: number };
    try {
      // Another key, but the genuine key id: the signature must not verify.
      const other = generateKeyPairSync("ed25519").privateKey;
      const statement = { seq: genuine.seq, hash: genuine.hash, at: new Date().toISOString(), keyId: genuine.keyId };
      appendFileSync(file, `${JSON.stringify({ ...statement, signature: sign(null, Buffer.from(canonicalJson(statement)), other).toString("base64") })}\n`);
      expect(await verifyAuditChain({ checkpoints: true })).toMatchObject({ ok: false, seq: genuine.seq, problem: "bad-checkpoint" });

      // An edited line (a later time on a genuine signature) fails the same way.
      writeFileSync(file, `${JSON.stringify({ ...genuine, at: new Date().toISOString() })}\n`);
      const edited = await verifyAuditChain({ checkpoints: true });
      expect(edited).toMatchObject({ ok: false, seq: genuine.seq, problem: "bad-checkpoint" });
      expect(edited.ok ? "" : edited.detail).toContain("does not verify");
    } finally {
      writeFileSync(file, saved);
    }
  });

  it("names a checkpointed seq that is gone from the end of the chain", async () => {
    const file = checkpointFile();
    const saved = readFileSync(file, "utf8");
    const key = getAuditSigningKey();
    const events = await db.auditEvent.count();
    try {
      const statement = { seq: events + 2, hash: "a".repeat(64), at: new Date().toISOString(), keyId: key.keyId };
      appendFileSync(file, `${JSON.stringify({ ...statement, signature: signAuditStatement(key.privateKey, statement) })}\n`);
      expect(await verifyAuditChain({ checkpoints: true })).toMatchObject({ ok: false, seq: events + 2, problem: "missing" });
    } finally {
      writeFileSync(file, saved);
    }
  });
});
