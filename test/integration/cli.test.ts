import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The `sealpost` bin as a user runs it: a child process with this test file's data dir and database
// (inherited through the environment from test/support/setup-env.ts).
const BIN = fileURLToPath(new URL("../../scripts/sealpost.mjs", import.meta.url));

type CliResult = { code: number; stdout: string; stderr: string };

function sealpost(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...options.env }, timeout: 20_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

// Sequential on purpose: CLI processes writing to one SQLite file at the same moment is what the product
// does too, but these tests are about the commands, not about lock contention.
describe("sealpost CLI", () => {
  it("prints usage for help, and usage with status 2 for an unknown command or flag", async () => {
    const [help, unknown, badFlag] = await Promise.all([sealpost(["help"]), sealpost(["frobnicate"]), sealpost(["policy", "list", "--bogus"])]);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain("Usage: sealpost <command>");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(unknown.stderr).toContain("Usage: sealpost <command>");
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("--bogus");
  });

  it("names the invalid setting and exits 1 without a stack trace", async () => {
    const result = await sealpost(["policy", "list"], { env: { SMTP_PORT: "notaport" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Invalid setting SMTP_PORT");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("sets, lists and removes per-domain TLS policies", async () => {
    const [set, wrong] = await Promise.all([
      sealpost(["policy", "set", ".Partner.example", "tls-only"]),
      sealpost(["policy", "set", "partner.example", "sometimes"]),
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(".partner.example: tls-only");
    const list = await sealpost(["policy", "list"]);
    expect(list.stdout).toMatch(/\.partner\.example\s+tls-only/);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Unknown policy "sometimes"');
    expect((await sealpost(["policy", "remove", ".partner.example"])).code).toBe(0);
    expect((await sealpost(["policy", "list"])).stdout).not.toContain("partner.example");
  });

  it("queues a message with send and shows the queued recipient with status", async () => {
    const sent = await sealpost(["send", "--from", "ann@sender.example", "--to", "bob@recipient.example", "--subject", "Hello", "--text", "Body"]);
    expect(sent.stderr).toBe("");
    expect(sent.code, sent.stderr).toBe(0);
    const messageId = /Queued message (\S+) for bob@recipient\.example\./.exec(sent.stdout)?.[1];
    expect(messageId).toBeDefined();

    const status = await sealpost(["status", messageId!]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`Message ${messageId}`);
    expect(status.stdout).toMatch(/bob@recipient\.example\s+queued/);
    expect(status.stdout).not.toContain("Hello"); // the subject is sealed; status never opens it

    const json = JSON.parse((await sealpost(["status", messageId!, "--json"])).stdout) as { recipients: { address: string; status: string }[] };
    expect(json.recipients).toEqual([expect.objectContaining({ address: "bob@recipient.example", status: "queued" })]);

    const eml = path.join(mkdtempSync(path.join(tmpdir(), "sealpost-eml-")), "message.eml");
    writeFileSync(eml, "From: Ann <ann@sender.example>\r\nTo: carol@recipient.example\r\nSubject: From a file\r\n\r\nHello\r\n");
    const fromFile = await sealpost(["send", "--from", "ann@sender.example", "--to", "carol@recipient.example", "--file", eml]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(/Queued message \S+ for carol@recipient\.example\./);

    expect((await sealpost(["send", "--from", "ann@sender.example", "--text", "x"])).code).toBe(2);
    expect((await sealpost(["send", "--from", "a@b.example", "--to", "c@d.example", "--file", eml, "--text", "x"])).code).toBe(2);
    expect((await sealpost(["status", "no-such-message"])).code).toBe(1);
  });

  it("creates a user and an API token that verifies", async () => {
    const user = await sealpost(["user", "create", "--email", "App@Sender.example", "--name", "Billing app", "--role", "sender"]);
    expect(user.code, user.stderr).toBe(0);
    const created = await sealpost(["token", "create", "--user", "app@sender.example", "--name", "billing"]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim().split("\n").at(-1)!;
    expect(token).toMatch(/^sp_[A-Za-z0-9_-]{43}$/);

    const { verifyApiToken } = await import("@/lib/auth/api-tokens");
    const verified = await verifyApiToken(token);
    expect(verified?.email).toBe("app@sender.example");
    const tampered = `${token.slice(0, 10)}${token[10] === "a" ? "b" : "a"}${token.slice(11)}`;
    expect(await verifyApiToken(tampered)).toBeNull();

    const unknown = await sealpost(["token", "create", "--user", "nobody@sender.example", "--name", "x"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No user with email nobody@sender.example");
  });

  it("creates an admin with a password from stdin, after which no setup link is issued", async () => {
    const link = await sealpost(["admin", "setup-link"]);
    expect(link.stdout).toMatch(/http:\/\/localhost:3000\/setup\/[A-Za-z0-9_-]{43}/);
    const short = await sealpost(["user", "create", "--email", "root@org.example", "--name", "Root", "--role", "admin", "--password-stdin"], { input: "short\n" });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 12 characters");
    const admin = await sealpost(["user", "create", "--email", "root@org.example", "--name", "Root", "--role", "admin", "--password-stdin"], {
      input: "correct horse battery staple\n",
    });
    expect(admin.code, admin.stderr).toBe(0);
    const { getDb } = await import("@/lib/db");
    const row = await getDb().user.findUnique({ where: { email: "root@org.example" } });
    expect(row?.role).toBe("admin");
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    const none = await sealpost(["admin", "setup-link"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("An admin account already exists");
  });
});
