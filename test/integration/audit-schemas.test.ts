import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/event-types";

const { getDb } = await import("@/lib/db");
const { recordAuditEvent } = await import("@/lib/audit/record-event");
const { AuditEventDataError } = await import("@/lib/audit/check-event-data");
const { verifyAuditChain } = await import("@/lib/audit/verify-chain");

const db = getDb();

describe("typed audit event data", () => {
  it("records a well-formed event and refuses a wrong shape, rolling the whole change back", async () => {
    await db.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "test.kept", value: "1" } });
      await recordAuditEvent(tx, { type: "retention.applied", actorType: "system", outcome: "success", data: { shredded: 2, onHold: 1, failed: 0 } });
    });
    const before = await db.auditEvent.count();

    // A type chosen at run time gets the run-time check only; the shape is still refused.
    const type = AUDIT_EVENT_TYPES[AUDIT_EVENT_TYPES.indexOf("mfa.failed")]!;
    const attempt = db.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "test.rolled-back", value: "1" } });
      await recordAuditEvent(tx, { type, actorType: "user", actorId: "u1", outcome: "failure", data: { userId: "u1", reason: "guessed" } });
    });
    await expect(attempt).rejects.toBeInstanceOf(AuditEventDataError);
    await expect(attempt).rejects.toThrow('Audit event "mfa.failed" was not recorded: data.reason does not fit');

    expect(await db.setting.findUnique({ where: { key: "test.rolled-back" } })).toBeNull();
    expect(await db.setting.findUnique({ where: { key: "test.kept" } })).not.toBeNull();
    expect(await db.auditEvent.count()).toBe(before);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, events: before });
  });

  it("checks a literal type's data at compile time", async () => {
    const attempt = db.$transaction((tx) =>
      // @ts-expect-error -- `reason` is required for mfa.failed: the compiler must refuse this call.
      recordAuditEvent(tx, { type: "mfa.failed", actorType: "user", actorId: "u1", outcome: "failure", data: { userId: "u1" } }),
    );
    await expect(attempt).rejects.toThrow("data.reason is missing");
  });
});
