import { describe, expect, it } from "vitest";
import { AuditEventDataError, checkAuditEventData } from "@/lib/audit/check-event-data";
import { AUDIT_EVENT_SCHEMAS } from "@/lib/audit/event-schemas";
import { AUDIT_EVENT_TYPES, type AuditEventType } from "@/lib/audit/event-types";

function errorOf(type: AuditEventType, data: unknown): AuditEventDataError {
  try {
    checkAuditEventData(type, data);
  } catch (error) {
    if (error instanceof AuditEventDataError) return error;
    throw error;
  }
  throw new Error(`${type}: expected the data to be refused`);
}

describe("audit event schemas", () => {
  it("has exactly one schema per event type", () => {
    expect(Object.keys(AUDIT_EVENT_SCHEMAS).sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
  });

  it("accepts the shapes the brief fixes, with extra keys", () => {
    const good: [AuditEventType, unknown][] = [
      ["mfa.failed", { userId: "u1", reason: "replayed" }],
      ["domain_policy.probed", { domain: "example.org", ok: false, results: [{ mxHost: "mx.example.org", failureClass: "no-starttls" }, { mxHost: "mx2.example.org", mxIp: null }] }],
      ["audit.verified", { ok: false, checkedEvents: 4, firstBadSeq: 5, problem: "altered" }],
      ["audit.exported", { format: "bundle", filter: { fromSeq: 1 } }],
      ["break_glass.granted", { grantId: "g1", justification: "court order 12", expiresAt: new Date() }],
      ["retention.changed", { scope: "message", before: null, after: { retainUntil: "2030-01-01T00:00:00.000Z" } }],
      ["legal_hold.released", {}],
      ["message.shredded", { reason: "retention", retainUntil: "2026-01-01T00:00:00.000Z", extra: 1 }],
      ["settings.changed", { key: "subjectTag", before: "[secure]", after: "[private]" }],
      ["settings.changed", { area: "branding", before: {}, after: {} }],
      ["user.signed_out", {}],
    ];
    for (const [type, data] of good) expect(() => checkAuditEventData(type, data), type).not.toThrow();
  });

  it("names the type and the field of a wrong shape, never its value", () => {
    const missing = errorOf("mfa.failed", { userId: "u1" });
    expect(missing.message).toContain('Audit event "mfa.failed" was not recorded: data.reason is missing');
    expect(missing.field).toBe("data.reason");

    const wrong = errorOf("mfa.failed", { userId: "u1", reason: "secret-value-42" });
    expect(wrong.field).toBe("data.reason");
    expect(wrong.message).not.toContain("secret-value-42");

    expect(errorOf("domain_policy.probed", { domain: "example.org", ok: true, results: [{ mxIp: "192.0.2.1" }] }).field).toBe("data.results.0.mxHost");
    expect(errorOf("retention.applied", { shredded: 1, onHold: -1, failed: 0 }).field).toBe("data.onHold");
    expect(errorOf("settings.changed", { before: 1, after: 2 }).field).toBe("data.key");
    expect(errorOf("user.role_changed", { userId: "u1", before: "sender" }).field).toBe("data.after");
    expect(errorOf("keys.rotated", {}).message).toContain("data.newKeyId is missing");
    expect(errorOf("no.such_type" as AuditEventType, {}).message).toContain("not in the audit vocabulary");
  });
});
