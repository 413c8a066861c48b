import { describe, expect, it } from "vitest";

const { getDb } = await import("@/lib/db");
const { acceptMessage } = await import("@/lib/intake/accept-message");
const { createGroupCommit } = await import("@/lib/intake/group-commit");
const { verifyAuditChain } = await import("@/lib/audit/verify-chain");

const db = getDb();

function message(i: number): Parameters<typeof acceptMessage>[0] {
  return {
    source: "smtp",
    raw: Buffer.from(`From: sender@org.example\r\nTo: r${i}@dest.example\r\nSubject: Batch ${i}\r\n\r\nBody ${i}\r\n`),
    envelopeFrom: "sender@org.example",
    recipients: [`r${i}@dest.example`, `s${i}@dest.example`],
    clientIp: "127.0.0.1",
    actor: { type: "smtp-client" },
  };
}

/** A group commit over Setting rows whose first transaction stays open until released, so others queue behind it. */
function heldGroupCommit(failOn?: string) {
  const batches: string[][] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let entered = () => {};
  const firstEntered = new Promise<void>((resolve) => (entered = resolve));
  const group = createGroupCommit<string>(async (tx, keys) => {
    batches.push(keys);
    await tx.setting.createMany({ data: keys.map((key) => ({ key, value: "1" })) });
    if (failOn && keys.includes(failOn)) throw new Error("bad item");
    if (batches.length === 1) {
      entered();
      await held;
    }
  }, 25);
  return { group, batches, release, firstEntered };
}

describe("group commit at intake", () => {
  it("puts items that arrive while a transaction is being written into the next one, and settles each after its commit", async () => {
    const { group, batches, release, firstEntered } = heldGroupCommit();
    const settled: string[] = [];
    const commit = (key: string) => group.commit(key).then(() => settled.push(key));
    const commits = [commit("group-0")];
    await firstEntered;
    commits.push(...Array.from({ length: 30 }, (_, i) => commit(`group-${i + 1}`)));
    try {
      // The first item is being written alone; the other thirty wait for it, and nothing has settled yet.
      expect(batches).toEqual([["group-0"]]);
      expect(settled).toEqual([]);
    } finally {
      release();
    }
    await Promise.all(commits);
    expect(batches.map((batch) => batch.length)).toEqual([1, 25, 5]);
    expect(await db.setting.count({ where: { key: { startsWith: "group-" } } })).toBe(31);
  });

  it("gathers items that arrive in the same turn of the event loop into one transaction", async () => {
    // As SMTP sessions do: each message is ready in its own callback. A SQLite transaction completes in
    // microtasks, so without the group commit's pause before each batch every item here was written alone.
    const batches: number[] = [];
    const group = createGroupCommit<string>(async (tx, keys) => {
      batches.push(keys.length);
      await tx.setting.createMany({ data: keys.map((key) => ({ key, value: "1" })) });
    }, 25);
    const commits: Promise<void>[] = [];
    const arrivals = Array.from(
      { length: 9 },
      (_, i) => new Promise<void>((resolve) => setImmediate(() => resolve(void commits.push(group.commit(`turn-${i + 1}`))))),
    );
    commits.push(group.commit("turn-0"));
    await Promise.all(arrivals);
    await Promise.all(commits);
    expect(batches).toEqual([10]);
    expect(await db.setting.count({ where: { key: { startsWith: "turn-" } } })).toBe(10);
  });

  it("writes concurrent messages whole, each in its own thread, with an unbroken audit chain", async () => {
    const accepted = await Promise.all(Array.from({ length: 40 }, (_, i) => acceptMessage(message(i))));
    expect(new Set(accepted.map((a) => a.messageId)).size).toBe(40);
    const ids = accepted.map((a) => a.messageId);
    expect(await db.message.count({ where: { id: { in: ids } } })).toBe(40);
    expect(await db.messagePart.count({ where: { messageId: { in: ids } } })).toBe(80);
    expect(await db.recipient.count({ where: { messageId: { in: ids }, status: "queued" } })).toBe(80);
    expect(await db.job.count({ where: { messageId: { in: ids }, kind: "deliver" } })).toBe(80);
    expect(await db.auditEvent.count({ where: { messageId: { in: ids }, type: "message.accepted" } })).toBe(40);
    const threads = await db.message.findMany({ where: { id: { in: ids } }, select: { threadId: true } });
    expect(new Set(threads.map((t) => t.threadId)).size).toBe(40);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("retries a failed batch one item at a time, so only the bad item fails", async () => {
    const { group, batches, release, firstEntered } = heldGroupCommit("retry-bad");
    const first = group.commit("retry-0");
    await firstEntered;
    const results = Promise.allSettled([first, ...["retry-1", "retry-bad", "retry-3"].map((key) => group.commit(key))]);
    release();
    expect((await results).map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(batches).toEqual([["retry-0"], ["retry-1", "retry-bad", "retry-3"], ["retry-1"], ["retry-bad"], ["retry-3"]]);
    const stored = await db.setting.findMany({ where: { key: { startsWith: "retry-" } }, orderBy: { key: "asc" } });
    expect(stored.map((row) => row.key)).toEqual(["retry-0", "retry-1", "retry-3"]);
  });

  it("refuses a message that answers an unknown message and commits the others", async () => {
    const good = Array.from({ length: 5 }, (_, i) => message(100 + i));
    const bad = { ...message(200), inReplyToId: "00000000-0000-4000-8000-000000000000" };
    const results = await Promise.allSettled([...good.slice(0, 2), bad, ...good.slice(2)].map((input) => acceptMessage(input)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    const ids = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.messageId] : []));
    expect(await db.message.count({ where: { id: { in: ids } } })).toBe(5);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
