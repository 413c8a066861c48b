import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { beforeEach, describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { createDataKey, sealPart } from "@/lib/escrow/envelope";
import { addMasterKey, getKeyRing, loadKeyRing } from "@/lib/escrow/key-ring";
import { MessageContentMissingError, readMessageMime, readMessageSubject } from "@/lib/escrow/read-message-content";
import { KeyRotationInProgressError, rotateKeys } from "@/lib/escrow/rotate-keys";
import { ShreddedError } from "@/lib/escrow/shredded-error";

type Sample = { id: string; subject: string; mime: string };

/** Seals and stores a message the way intake does: one data key, subject and MIME parts bound to the id. */
async function insertMessage(subject: string, mime: string, extra: { fromName?: string } = {}): Promise<Sample> {
  const id = randomUUID();
  const { dataKey, wrappedDataKey, dataKeyId } = createDataKey(getKeyRing(), id);
  await getDb().message.create({
    data: {
      id,
      source: "api",
      envelopeFrom: "alice@sender.test",
      fromName: extra.fromName ?? "Alice",
      fromAddress: "alice@sender.test",
      sizeBytes: Buffer.byteLength(mime),
      dataKeyId,
      wrappedDataKey,
      parts: {
        create: [
          { part: "subject", sealed: sealPart(dataKey, id, "subject", Buffer.from(subject)) },
          { part: "mime", sealed: sealPart(dataKey, id, "mime", Buffer.from(mime)) },
        ],
      },
    },
  });
  return { id, subject, mime };
}

async function insertMessages(count: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    samples.push(await insertMessage(`Subject ${i} ${randomUUID()}`, `Subject: s${i}\r\n\r\nBody ${i} ${randomUUID()}\r\n`));
  }
  return samples;
}

const snapshotParts = () =>
  getDb().messagePart.findMany({ orderBy: [{ messageId: "asc" }, { part: "asc" }] });

async function expectReadable(samples: Sample[]): Promise<void> {
  for (const sample of samples) {
    expect(await readMessageSubject(sample.id)).toBe(sample.subject);
    expect((await readMessageMime(sample.id)).toString("utf8")).toBe(sample.mime);
  }
}

let since = 0;

beforeEach(async () => {
  const db = getDb();
  await db.messagePart.deleteMany();
  await db.message.deleteMany();
  // The audit log is append-only (database triggers): look only at events newer than this test's start.
  since = (await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
});

describe("rotateKeys", () => {
  it("re-wraps every data key under a new key without touching sealed parts, and audits it", async () => {
    const file = getConfig().masterKeyFile;
    const oldKeyId = loadKeyRing(file).activeId;
    const samples = await insertMessages(7);
    const shredded = await insertMessage("gone", "Subject: gone\r\n\r\ngone\r\n");
    await getDb().message.update({ where: { id: shredded.id }, data: { wrappedDataKey: null } });
    const partsBefore = await snapshotParts();

    const progress: [number, number][] = [];
    const result = await rotateKeys({ batchSize: 3, onProgress: (done, total) => progress.push([done, total]) });

    expect(result.rewrapped).toBe(7);
    expect(result.remaining).toBe(0);
    expect(result.newKeyId).not.toBe(oldKeyId);
    expect(progress).toEqual([[0, 7], [3, 7], [6, 7], [7, 7]]);

    const ring = loadKeyRing(file);
    expect(ring.activeId).toBe(result.newKeyId);
    expect([...ring.keys.keys()]).toEqual(expect.arrayContaining([oldKeyId, result.newKeyId]));

    const messages = await getDb().message.findMany({ where: { id: { in: samples.map((s) => s.id) } } });
    expect(messages.map((m) => m.dataKeyId)).toEqual(samples.map(() => result.newKeyId));
    expect(await snapshotParts()).toEqual(partsBefore);
    await expectReadable(samples);
    // Rotation must never bring a destroyed key back.
    expect((await getDb().message.findUniqueOrThrow({ where: { id: shredded.id } })).wrappedDataKey).toBeNull();
    await expect(readMessageMime(shredded.id)).rejects.toBeInstanceOf(ShreddedError);

    const events = await getDb().auditEvent.findMany({ where: { type: "keys.rotated", seq: { gt: since } } });
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({ actorType: "system", outcome: "success" });
    expect(JSON.parse(event.data)).toMatchObject({
      newKeyId: result.newKeyId,
      previousKeyId: oldKeyId,
      rewrapped: 7,
      remaining: 0,
    });
    for (const key of ring.keys.values()) {
      expect(event.data).not.toContain(key.toString("base64"));
      expect(event.data).not.toContain(key.toString("hex"));
    }
  });

  it("finishes the job when run again after a rotation that died midway", async () => {
    const samples = await insertMessages(5);
    const partsBefore = await snapshotParts();
    const crash = new Error("simulated crash");
    await expect(
      rotateKeys({
        batchSize: 2,
        actor: { type: "user", id: "admin-1" },
        onProgress: (done) => {
          if (done > 0) throw crash;
        },
      }),
    ).rejects.toBe(crash);

    // Half-rotated: two messages on the new key, three on the old one, all still readable.
    const keyIds = (await getDb().message.findMany({ select: { dataKeyId: true } })).map((m) => m.dataKeyId);
    expect(new Set(keyIds).size).toBe(2);
    await expectReadable(samples);
    const failed = await getDb().auditEvent.findFirstOrThrow({ where: { type: "keys.rotated", seq: { gt: since } } });
    expect(failed).toMatchObject({ outcome: "failure", actorType: "user", actorId: "admin-1" });

    const result = await rotateKeys({ batchSize: 2 });
    expect(result.rewrapped).toBe(5);
    const after = await getDb().message.findMany({ select: { dataKeyId: true } });
    expect(after.every((m) => m.dataKeyId === result.newKeyId)).toBe(true);
    expect(await snapshotParts()).toEqual(partsBefore);
    await expectReadable(samples);
  });

  it("lets a running worker read messages wrapped after the ring changed under it", async () => {
    const before = getKeyRing();
    await rotateKeys();
    const sample = await insertMessage("after rotation", "Subject: after\r\n\r\nnew key\r\n");
    const row = await getDb().message.findUniqueOrThrow({ where: { id: sample.id } });
    expect(row.dataKeyId).not.toBe(before.activeId);
    await expectReadable([sample]);
  });

  it("refuses to run while another rotation holds the lock, and takes over a dead process's lock", async () => {
    await insertMessages(2);
    const results = await Promise.allSettled([rotateKeys(), rotateKeys()]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(rejected.reason).toBeInstanceOf(KeyRotationInProgressError);

    const lock = `${getConfig().masterKeyFile}.rotate-lock`;
    writeFileSync(lock, `${hostname()} 999999999\n`, { mode: 0o600 });
    const keysBefore = loadKeyRing(getConfig().masterKeyFile).keys.size;
    await rotateKeys();
    expect(loadKeyRing(getConfig().masterKeyFile).keys.size).toBe(keysBefore + 1);
    expect(existsSync(lock)).toBe(false);
  });

  it("keeps messages readable when a key was added but nothing re-wrapped yet", async () => {
    const samples = await insertMessages(2);
    addMasterKey(getConfig().masterKeyFile);
    await expectReadable(samples);
  });
});

describe("readMessageMime / readMessageSubject", () => {
  it("report a missing message and a missing part with typed errors", async () => {
    const sample = await insertMessage("s", "Subject: s\r\n\r\nb\r\n");
    await getDb().messagePart.delete({ where: { messageId_part: { messageId: sample.id, part: "subject" } } });
    await expect(readMessageSubject(sample.id)).rejects.toMatchObject({ code: "part-missing" });
    expect((await readMessageMime(sample.id)).toString()).toBe(sample.mime);
    const missing = readMessageMime("no-such-message");
    await expect(missing).rejects.toBeInstanceOf(MessageContentMissingError);
    await expect(missing).rejects.toMatchObject({ code: "message-not-found" });
  });
});

// Runs last: it disconnects the client to get every page into the main database file.
describe("the database at rest", () => {
  it("holds no plaintext subject or body, while a clear column's text is found", async () => {
    const tag = randomBytes(6).toString("hex");
    const subject = `Acquisition of Northwind ${tag} confidential`;
    const body = `The board approved the offer of 41.7 million ${tag}; announce on Monday.`;
    const control = `Control Sender ${tag}`;
    const sample = await insertMessage(subject, `Subject: ${subject}\r\nFrom: x@y.test\r\n\r\n${body}\r\n`, {
      fromName: control,
    });
    await expectReadable([sample]);
    await rotateKeys();

    const db = getDb();
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    await db.$disconnect();

    const file = getConfig().databaseUrl.replace(/^file:/, "");
    const bytes = [file, `${file}-wal`, `${file}-journal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f));
    const found = (text: string) => bytes.some((b) => b.includes(Buffer.from(text)));

    expect(found(control)).toBe(true);
    for (const secret of [subject, body, "Acquisition of Northwind", "41.7 million"]) {
      expect(found(secret)).toBe(false);
      expect(found(Buffer.from(secret).toString("base64"))).toBe(false);
      expect(found(Buffer.from(secret).toString("hex"))).toBe(false);
    }
  });
});
