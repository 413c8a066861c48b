import { beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { AccessDeniedError, type Actor } from "@/lib/auth/roles";
import { main } from "@/lib/cli/main";
import { getDb } from "@/lib/db";
import { readMessageMime, readMessageSubject } from "@/lib/escrow/read-message-content";
import { ShreddedError } from "@/lib/escrow/shredded-error";
import { acceptMessage } from "@/lib/intake/accept-message";
import { getReadableMessage } from "@/lib/portal/read/get-readable-message";
import { getShreddedAt } from "@/lib/portal/read/get-shredded-at";
import { requireRecipientAccess } from "@/lib/portal/require-message-access";
import { applyRetention } from "@/lib/retention/apply-retention";
import { previewRetention } from "@/lib/retention/preview-retention";
import { getRetentionDefaults, setRetentionDefaults } from "@/lib/retention/retention-settings";
import { seedEscrowedMessage } from "@/test/support/seed-escrowed-message";

const db = getDb();
const DAY = 86_400_000;
const NOW = new Date();

async function createUser(email: string, role: Actor["role"]): Promise<Actor> {
  const user = await db.$transaction((tx) => tx.user.create({ data: { email, name: email.split("@")[0]!, role, emailVerifiedAt: new Date() } }));
  return { id: user.id, email: user.email, name: user.name, role };
}

/** A sealed, escrowed message (real intake) whose creation date and retention columns are then set as given. */
async function seedMessage(fields: { ageDays: number; retainUntil?: Date | null; legalHold?: boolean; queued?: boolean }): Promise<string> {
  let messageId: string;
  if (fields.queued) {
    const raw = Buffer.from("From: a@sender.test\r\nTo: q@queued.test\r\nSubject: Queued\r\n\r\nStill being delivered.\r\n");
    messageId = (await acceptMessage({ source: "api", raw, envelopeFrom: "a@sender.test", recipients: ["q@queued.test"], actor: { type: "system" } })).messageId;
  } else {
    messageId = (await seedEscrowedMessage({ to: ["bob@recipient.test"], subject: "Board minutes" })).messageId;
  }
  await db.$transaction((tx) =>
    tx.message.update({
      where: { id: messageId },
      data: {
        createdAt: new Date(NOW.getTime() - fields.ageDays * DAY),
        retainUntil: fields.retainUntil ?? null,
        legalHold: fields.legalHold ?? false,
        legalHoldReason: fields.legalHold ? "Case 2026-17" : null,
      },
    }),
  );
  return messageId;
}

const eventsOf = (type: string, messageId?: string) =>
  db.auditEvent.findMany({ where: { type, ...(messageId ? { messageId } : {}) }, orderBy: { seq: "asc" } });

let admin: Actor;
let officer: Actor;
let sender: Actor;
let recipient: Actor;

beforeAll(async () => {
  admin = await createUser("ada@admin.test", "admin");
  officer = await createUser("cora@compliance.test", "compliance");
  sender = await createUser("sally@sender.test", "sender");
  recipient = await createUser("rita@recipient.test", "recipient");
});

describe("retention defaults", () => {
  it("defaults to keep forever and the configured access window, validates, and audits changes with before and after", async () => {
    expect(await getRetentionDefaults()).toEqual({ retentionDays: null, accessDays: 30 });

    for (const bad of [{ retentionDays: 0 }, { retentionDays: 3651 }, { retentionDays: 1.5 }, { retentionDays: "soon" }]) {
      await expect(setRetentionDefaults(admin, { accessDays: 30, ...bad })).rejects.toMatchObject({ fieldErrors: { retentionDays: "retentionDaysInvalid" } });
    }
    for (const accessDays of [0, 366, "x"]) {
      await expect(setRetentionDefaults(admin, { accessDays, retentionDays: null })).rejects.toMatchObject({ fieldErrors: { accessDays: "accessDaysInvalid" } });
    }
    expect(await eventsOf("retention.changed")).toHaveLength(0);

    expect(await setRetentionDefaults(admin, { accessDays: "7", retentionDays: "3650" }, { sourceIp: "192.0.2.5" })).toEqual({ retentionDays: 3650, accessDays: 7 });
    expect(await getRetentionDefaults()).toEqual({ retentionDays: 3650, accessDays: 7 });
    // The same values again change nothing and record nothing.
    await setRetentionDefaults(admin, { accessDays: 7, retentionDays: 3650 });
    const [event, ...more] = await eventsOf("retention.changed");
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ actorId: admin.id, actorType: "user", sourceIp: "192.0.2.5", outcome: "success", messageId: null });
    expect(JSON.parse(event!.data)).toEqual({
      scope: "organisation",
      before: { retentionDays: null, accessDays: 30 },
      after: { retentionDays: 3650, accessDays: 7 },
    });
  });

  it("sets new recipients' portal access from accessDays", async () => {
    const before = Date.now();
    const { recipients } = await seedEscrowedMessage({ to: ["access@recipient.test"] });
    const row = await db.recipient.findUniqueOrThrow({ where: { id: recipients[0]!.id } });
    expect(row.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(row.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY);
  });

  it("is for admins only: everyone else is refused and the refusal audited", async () => {
    for (const actor of [officer, sender, recipient]) {
      await expect(setRetentionDefaults(actor, { accessDays: 1, retentionDays: 1 })).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(previewRetention(actor, 1)).rejects.toBeInstanceOf(AccessDeniedError);
    }
    const denied = await db.auditEvent.findMany({ where: { type: "access.denied", data: { contains: "settings:retention" } } });
    expect(denied.map((event) => event.actorId).sort()).toEqual([officer.id, sender.id, recipient.id].sort());
    expect(await getRetentionDefaults()).toEqual({ retentionDays: 3650, accessDays: 7 });
  });
});

describe("applyRetention", () => {
  it("shreds exactly the due messages, keeps held ones and counts them, and the audit chain still verifies", async () => {
    await setRetentionDefaults(admin, { accessDays: 7, retentionDays: 30 });
    const due = await seedMessage({ ageDays: 40 });
    const young = await seedMessage({ ageDays: 10 });
    const overridePast = await seedMessage({ ageDays: 1, retainUntil: new Date(NOW.getTime() - 60_000) });
    const overrideFuture = await seedMessage({ ageDays: 100, retainUntil: new Date(NOW.getTime() + DAY) });
    const held = await seedMessage({ ageDays: 40, legalHold: true });
    const queued = await seedMessage({ ageDays: 40, queued: true });

    expect(await previewRetention(admin, 30, NOW)).toEqual({ due: 2, onHold: 1 });
    expect(await previewRetention(admin, 5, NOW)).toEqual({ due: 3, onHold: 1 });
    expect(await previewRetention(admin, null, NOW)).toEqual({ due: 1, onHold: 0 });

    const result = await applyRetention(NOW, { actorId: "test-worker" });
    expect(result).toEqual({ shredded: 2, onHold: 1, failed: 0 });

    for (const id of [due, overridePast]) {
      const message = await db.message.findUniqueOrThrow({ where: { id }, include: { parts: true, recipients: true } });
      expect(message.wrappedDataKey).toBeNull();
      expect(message.shreddedAt?.getTime()).toBe(NOW.getTime());
      expect(message.parts).toHaveLength(0);
      // Metadata and recipients stay.
      expect(message.recipients).toHaveLength(1);
      expect(message.fromAddress).toBe("alice@sender.test");
      await expect(readMessageMime(id)).rejects.toBeInstanceOf(ShreddedError);
      await expect(readMessageSubject(id)).rejects.toBeInstanceOf(ShreddedError);
      const [event, ...again] = await eventsOf("message.shredded", id);
      expect(again).toHaveLength(0);
      expect(event).toMatchObject({ actorType: "system", actorId: "test-worker", outcome: "success" });
      expect(JSON.parse(event!.data)).toMatchObject({ reason: "retention", retainUntil: expect.any(String) });
    }
    // The rightful recipient still passes the gate and is told when the content was deleted.
    const bob = await createUser("bob@recipient.test", "recipient");
    const access = await requireRecipientAccess(bob, (await db.recipient.findFirstOrThrow({ where: { messageId: due } })).id);
    expect(await getShreddedAt(access)).toEqual(NOW);
    await expect(getReadableMessage(access)).rejects.toBeInstanceOf(ShreddedError);
    expect(JSON.parse((await eventsOf("message.shredded", overridePast))[0]!.data).retainUntil).toBe(new Date(NOW.getTime() - 60_000).toISOString());
    for (const id of [young, overrideFuture, held, queued]) {
      const message = await db.message.findUniqueOrThrow({ where: { id } });
      expect(message.shreddedAt).toBeNull();
      expect(message.wrappedDataKey).not.toBeNull();
      expect((await readMessageMime(id)).length).toBeGreaterThan(0);
    }

    const applied = await eventsOf("retention.applied");
    expect(applied).toHaveLength(1);
    expect(JSON.parse(applied[0]!.data)).toEqual({ shredded: 2, onHold: 1, failed: 0 });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    // Nothing new to do: held messages are counted again, but no event is written for them alone.
    expect(await applyRetention(NOW)).toEqual({ shredded: 0, onHold: 1, failed: 0 });
    expect(await eventsOf("retention.applied")).toHaveLength(1);
  });

  it("shreds each message once when two workers run at the same time", async () => {
    await setRetentionDefaults(admin, { accessDays: 7, retentionDays: 30 });
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push(await seedMessage({ ageDays: 60 }));
    const later = new Date(NOW.getTime() + 1_000);
    const [first, second] = await Promise.all([applyRetention(later, { batchSize: 4, actorId: "w1" }), applyRetention(later, { batchSize: 4, actorId: "w2" })]);
    expect(first.shredded + second.shredded).toBe(9);
    expect(first.failed + second.failed).toBe(0);
    const events = await db.auditEvent.groupBy({ by: ["messageId"], where: { type: "message.shredded", messageId: { in: ids } }, _count: { _all: true } });
    expect(events).toHaveLength(9);
    expect(events.every((group) => group._count._all === 1)).toBe(true);
    expect(await db.message.count({ where: { id: { in: ids }, shreddedAt: null } })).toBe(0);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("counts a message it could not shred, records the failure and tries it again at the next run", async () => {
    await setRetentionDefaults(admin, { accessDays: 7, retentionDays: 30 });
    const ids = [await seedMessage({ ageDays: 50 }), await seedMessage({ ageDays: 50 })];
    const later = new Date(NOW.getTime() + 2_000);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const transaction = vi.spyOn(db, "$transaction").mockImplementationOnce(() => Promise.reject(new Error("database is locked")));
    try {
      expect(await applyRetention(later)).toEqual({ shredded: 1, onHold: 1, failed: 1 });
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/could not shred message \S+: database is locked/));
    } finally {
      transaction.mockRestore();
      error.mockRestore();
    }
    const [applied] = await db.auditEvent.findMany({ where: { type: "retention.applied" }, orderBy: { seq: "desc" }, take: 1 });
    expect(applied).toMatchObject({ outcome: "failure" });
    expect(JSON.parse(applied!.data)).toEqual({ shredded: 1, onHold: 1, failed: 1 });
    expect(await applyRetention(later)).toEqual({ shredded: 1, onHold: 1, failed: 0 });
    expect(await db.message.count({ where: { id: { in: ids }, shreddedAt: null } })).toBe(0);
  });

  it("sealpost retention apply runs the job and says what it did", async () => {
    await seedMessage({ ageDays: 45 });
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    try {
      expect(await main(["retention", "apply"])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(lines.join("\n")).toMatch(/Default retention: 30 days\.\nShredded: 1 message\(s\)\.\nKept under legal hold although past their retention end: 1 message\(s\)\./);
    const [last] = await db.auditEvent.findMany({ where: { type: "retention.applied" }, orderBy: { seq: "desc" }, take: 1 });
    expect(last).toMatchObject({ actorId: "cli" });
  });
});
