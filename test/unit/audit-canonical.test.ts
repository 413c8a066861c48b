import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/audit/canonical-json";
import { GENESIS_HASH, hashAuditEvent, type HashedAuditFields } from "@/lib/audit/hash-audit-event";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace, whatever the insertion order", () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: "x" } };
    const b = { a: { c: "x", d: [3, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it("orders keys by UTF-16 code units (RFC 8785), not by locale", () => {
    expect(canonicalJson({ é: 1, Z: 2, a: 3, "10": 4, "9": 5 })).toBe('{"10":4,"9":5,"Z":2,"a":3,"é":1}');
  });

  it("writes values as JSON.stringify does: escapes, numbers, dates, undefined and non-finite numbers", () => {
    expect(canonicalJson({ s: 'q"\n\u2028', n: 1e21, f: 0.1, neg: -0, d: new Date(Date.UTC(2026, 0, 2)), u: undefined, inf: Infinity, arr: [undefined] })).toBe(
      '{"arr":[null],"d":"2026-01-02T00:00:00.000Z","f":0.1,"inf":null,"n":1e+21,"neg":0,"s":"q\\"\\n\u2028"}',
    );
  });

  it("gives the same text after a parse round trip, so stored data re-hashes identically", () => {
    const value = { tls: { cipher: "TLS_AES_256_GCM_SHA384", version: "TLSv1.3" }, attempts: [1, 2.5, -3], ok: false, note: "ü" };
    const text = canonicalJson(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it("refuses a value with no JSON form instead of hashing something else", () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ big: 1n })).toThrow(TypeError);
  });
});

describe("hashAuditEvent", () => {
  const event: HashedAuditFields = {
    seq: 1,
    at: new Date("2026-11-23T07:00:00.000Z"),
    type: "message.accepted",
    actorType: "smtp-client",
    actorId: null,
    sourceIp: "127.0.0.1",
    messageId: "m1",
    recipientId: null,
    outcome: "success",
    data: '{"recipients":2}',
  };

  it("is SHA-256 over prevHash followed by the event's canonical JSON", async () => {
    const { createHash } = await import("node:crypto");
    const canonical =
      '{"actorId":null,"actorType":"smtp-client","at":"2026-11-23T07:00:00.000Z","data":{"recipients":2},"messageId":"m1",' +
      '"outcome":"success","recipientId":null,"seq":1,"sourceIp":"127.0.0.1","type":"message.accepted"}';
    expect(hashAuditEvent(GENESIS_HASH, event)).toBe(createHash("sha256").update(GENESIS_HASH + canonical).digest("hex"));
  });

  it("hashes the data value, not its spelling, and changes with every field and the previous hash", () => {
    const base = hashAuditEvent(GENESIS_HASH, event);
    expect(hashAuditEvent(GENESIS_HASH, { ...event, data: '{ "recipients" : 2 }' })).toBe(base);
    expect(hashAuditEvent(GENESIS_HASH, { ...event, data: '{"recipients":3}' })).not.toBe(base);
    expect(hashAuditEvent(GENESIS_HASH, { ...event, seq: 2 })).not.toBe(base);
    expect(hashAuditEvent(GENESIS_HASH, { ...event, at: new Date(event.at.getTime() + 1) })).not.toBe(base);
    expect(hashAuditEvent("f".repeat(64), event)).not.toBe(base);
  });
});
