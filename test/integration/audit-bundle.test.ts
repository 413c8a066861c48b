import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";

const { getDb } = await import("@/lib/db");
const { recordAuditEvent } = await import("@/lib/audit/record-event");
const { streamAuditBundle } = await import("@/lib/audit/stream-audit-bundle");
const { verifyAuditBundle } = await import("@/lib/audit/verify-audit-bundle");
const { getAuditSigningKey } = await import("@/lib/audit/audit-signing-key");
const { hashAuditEvent } = await import("@/lib/audit/hash-audit-event");

const db = getDb();
for (let i = 1; i <= 7; i++) {
  await db.$transaction((tx) =>
    recordAuditEvent(tx, { type: "access.denied", actorType: "user", actorId: `u${i}`, outcome: "denied", data: { resource: "/compliance", reason: "role" } }),
  );
}

async function collect(chunks: AsyncIterable<string>): Promise<{ text: string; chunks: number }> {
  let text = "";
  let count = 0;
  for await (const chunk of chunks) {
    text += chunk;
    count += 1;
  }
  return { text, chunks: count };
}

const whole = await collect(streamAuditBundle({}, { batchSize: 3 }));
const lines = whole.text.trimEnd().split("\n");
const publicKey = getAuditSigningKey().publicKeyPem;
const withLines = (edit: (copy: string[]) => void) => {
  const copy = [...lines];
  edit(copy);
  return `${copy.join("\n")}\n`;
};

describe("signed audit bundle", () => {
  it("streams the header, events in batches and a signed trailer that verify", async () => {
    expect(whole.chunks).toBe(1 + 3 + 1); // header, 7 events in batches of 3, trailer
    expect(lines).toHaveLength(9);
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ format: "sealpost-audit-bundle", version: 1, fromSeq: 1, toSeq: 7, prevHash: "0".repeat(64), publicKey });
    const stored = await db.auditEvent.findUniqueOrThrow({ where: { seq: 3 } });
    expect(JSON.parse(lines[3]!)).toEqual({ ...stored, at: stored.at.toISOString() });
    expect(JSON.parse(lines[8]!)).toMatchObject({ trailer: true, count: 7, lastHash: JSON.parse(lines[7]!).hash });

    expect(verifyAuditBundle(whole.text)).toMatchObject({ ok: true, fromSeq: 1, toSeq: 7, count: 7, trustedKey: false });
    expect(verifyAuditBundle(whole.text, publicKey)).toMatchObject({ ok: true, count: 7, trustedKey: true });
  });

  it("covers a part of the chain, linked to the event before it, and an empty range", async () => {
    const part = (await collect(streamAuditBundle({ fromSeq: 3, toSeq: 5 }))).text;
    const before = await db.auditEvent.findUniqueOrThrow({ where: { seq: 2 } });
    expect(JSON.parse(part.split("\n")[0]!)).toMatchObject({ fromSeq: 3, toSeq: 5, prevHash: before.hash });
    expect(verifyAuditBundle(part, publicKey)).toMatchObject({ ok: true, fromSeq: 3, toSeq: 5, count: 3 });

    const empty = (await collect(streamAuditBundle({ fromSeq: 1, toSeq: 0 }))).text;
    expect(verifyAuditBundle(empty, publicKey)).toMatchObject({ ok: true, count: 0 });
  });

  it("names the line and seq of an edited event", () => {
    const edited = withLines((copy) => {
      const event = JSON.parse(copy[4]!) as { data: string };
      copy[4] = JSON.stringify({ ...event, data: '{"reason":"role","resource":"/admin"}' });
    });
    expect(verifyAuditBundle(edited, publicKey)).toMatchObject({ ok: false, line: 5, seq: 4, problem: "altered" });
  });

  it("fails the signature when events were edited and every hash recomputed", () => {
    const rehashed = withLines((copy) => {
      let prevHash = "0".repeat(64);
      for (let index = 1; index <= 7; index++) {
        const event = JSON.parse(copy[index]!) as Parameters<typeof hashAuditEvent>[1] & { at: string; prevHash: string; hash: string };
        const data = index === 2 ? '{"reason":"forged","resource":"/"}' : event.data;
        const hash = hashAuditEvent(prevHash, { ...event, at: new Date(event.at), data });
        copy[index] = JSON.stringify({ ...event, data, prevHash, hash });
        prevHash = hash;
      }
      copy[8] = JSON.stringify({ ...JSON.parse(copy[8]!), lastHash: prevHash });
    });
    expect(verifyAuditBundle(rehashed)).toMatchObject({ ok: false, line: 9, seq: null, problem: "bad-signature" });
  });

  it("names a removed event line, a removed last event and a removed trailer", () => {
    expect(verifyAuditBundle(withLines((copy) => copy.splice(3, 1)), publicKey)).toMatchObject({ ok: false, line: 4, seq: 4, problem: "missing" });
    expect(verifyAuditBundle(withLines((copy) => copy.splice(7, 1)), publicKey)).toMatchObject({ ok: false, line: 8, seq: 7, problem: "missing" });
    const cut = verifyAuditBundle(withLines((copy) => copy.splice(8, 1)), publicKey);
    expect(cut).toMatchObject({ ok: false, line: 9, problem: "missing" });
    expect(cut.ok ? "" : cut.detail).toContain("trailer");
  });

  it("refuses a bundle signed with another key than the trusted one", async () => {
    const otherKey = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    const report = verifyAuditBundle(whole.text, otherKey);
    expect(report).toMatchObject({ ok: false, line: 1, problem: "untrusted-key" });
    expect(report.ok ? "" : report.detail).toContain(getAuditSigningKey().keyId);
    expect(() => verifyAuditBundle(whole.text, "not a key")).toThrow(TypeError);
  });
});
