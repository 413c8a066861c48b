import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";

const { getDb } = await import("@/lib/db");
const { recordAuditEvent } = await import("@/lib/audit/record-event");
const { main } = await import("@/lib/cli/main");

const dir = process.env.DATA_DIR!;
const db = getDb();
for (const actorId of ["u1", "u2", "u3", "u4"]) {
  await db.$transaction((tx) => recordAuditEvent(tx, { type: "user.signed_out", actorType: "user", actorId, outcome: "success" }));
}

/** `sealpost …` in this process: exit status, stdout and stderr. */
async function sealpost(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(`${line}\n`)),
    vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(`${line}\n`)),
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0),
  ];
  try {
    return { code: await main(args), stdout: out.join(""), stderr: err.join("") };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe("sealpost audit", () => {
  it("answers a wrong command line with status 2", async () => {
    for (const args of [["audit"], ["audit", "frobnicate"], ["audit", "verify", "extra"], ["audit", "export", "--from", "x"], ["audit", "export", "--from", "5", "--to", "2"], ["audit", "verify-bundle"], ["audit", "checkpoint", "--now"]]) {
      const result = await sealpost(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Usage: sealpost");
    }
  });

  it("prints the public key, signs a checkpoint and verifies the chain with it", async () => {
    const key = await sealpost("audit", "public-key");
    expect(key.code).toBe(0);
    expect(key.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    expect(key.stderr).toMatch(/Key id [0-9a-f]{16}/);
    writeFileSync(path.join(dir, "audit.pub"), key.stdout);

    const checkpoint = await sealpost("audit", "checkpoint");
    expect(checkpoint).toMatchObject({ code: 0, stderr: "" });
    expect(checkpoint.stdout).toContain("Checkpoint of event #4");
    const verified = await sealpost("audit", "verify", "--checkpoints");
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^Audit chain intact: 5 events, head [0-9a-f]{64}; 1 signed checkpoint match\n$/);
  });

  it("exports a bundle (audited) that verify-bundle accepts, and rejects a tampered one with status 1", async () => {
    const file = path.join(dir, "bundle.jsonl");
    const exported = await sealpost("audit", "export", "--from", "2", "--to", "4", "--out", file);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`Audit bundle with 3 events`);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "audit.exported" } });
    expect(JSON.parse(event.data)).toEqual({ format: "bundle", filter: { fromSeq: 2, toSeq: 4 } });

    const untrusted = await sealpost("audit", "verify-bundle", file);
    expect(untrusted.code).toBe(0);
    expect(untrusted.stdout).toContain("Audit bundle intact: events #2–#4 (3)");
    expect(untrusted.stdout).toContain("Checked against the key inside the bundle only");
    const trusted = await sealpost("audit", "verify-bundle", file, "--public-key", path.join(dir, "audit.pub"));
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).not.toContain("inside the bundle only");

    const tampered = path.join(dir, "tampered.jsonl");
    writeFileSync(tampered, readFileSync(file, "utf8").replace('"actorId":"u3"', '"actorId":"u9"'));
    const bad = await sealpost("audit", "verify-bundle", tampered);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Audit bundle fails at line 3 (event #3): altered");

    expect((await sealpost("audit", "verify-bundle", path.join(dir, "none.jsonl"))).code).toBe(1);
    writeFileSync(path.join(dir, "junk.pub"), "not a key");
    const junkKey = await sealpost("audit", "verify-bundle", file, "--public-key", path.join(dir, "junk.pub"));
    expect(junkKey.code).toBe(1);
    expect(junkKey.stderr).toContain("not a PEM public key");
  });

  it("runs as the installed command: a bundle checked in a separate process", async () => {
    const bin = fileURLToPath(new URL("../../scripts/sealpost.mjs", import.meta.url));
    const file = path.join(dir, "bundle.jsonl");
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, "audit", "verify-bundle", file, "--public-key", path.join(dir, "audit.pub")], { timeout: 20_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("Audit bundle intact: events #2–#4 (3)");
  });

  it("lists one message's events oldest first, as a table or as the stored rows", async () => {
    const messageId = "6f1c2a4e-0b1d-4c1e-9a57-3f0d2c1b9e10";
    for (const reason of ["role", "not-recipient"]) {
      await db.$transaction((tx) =>
        recordAuditEvent(tx, { type: "access.denied", actorType: "user", actorId: "u1", messageId, outcome: "denied", data: { resource: "/x", reason } }),
      );
    }
    const table = await sealpost("audit", "events", "--message", messageId);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^SEQ +AT \(UTC\) +TYPE +ACTOR +OUTCOME +DETAILS$/);
    expect(lines.slice(1).map((line) => line.includes('"reason":"role"'))).toEqual([true, false]);

    const json = await sealpost("audit", "events", "--message", messageId, "--json");
    const rows = json.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { seq: number; hash: string; data: { reason: string } });
    const stored = await db.auditEvent.findMany({ where: { messageId }, orderBy: { seq: "asc" } });
    expect(rows.map((row) => [row.seq, row.hash, row.data.reason])).toEqual(stored.map((row) => [row.seq, row.hash, JSON.parse(row.data).reason]));

    expect((await sealpost("audit", "events", "--message", "no-such-message")).code).toBe(1);
    expect((await sealpost("audit", "events")).code).toBe(2);
  });
});
