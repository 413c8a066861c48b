import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDataKey, EnvelopeOpenError, openPart, sealPart, unwrapDataKey, wrapDataKey } from "@/lib/escrow/envelope";
import { KeyRingError, type KeyRing } from "@/lib/escrow/key-ring";
import { ShreddedError } from "@/lib/escrow/shredded-error";

function ringOf(activeId: string, ...ids: string[]): KeyRing {
  return { activeId, keys: new Map([activeId, ...ids].map((id) => [id, randomBytes(32)])) };
}

function flipByte(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

const plaintext = Buffer.from("Subject: quarterly numbers\r\n\r\nThe merger closes on Friday.\r\n");

describe("data keys", () => {
  it("wraps a fresh 256-bit key under the active master key and unwraps it again", () => {
    const ring = ringOf("k1-aaaa");
    const { dataKey, wrappedDataKey, dataKeyId } = createDataKey(ring, "msg-1");
    expect(dataKey).toHaveLength(32);
    expect(dataKeyId).toBe("k1-aaaa");
    // version byte + IV + 32-byte key + tag
    expect(wrappedDataKey).toHaveLength(1 + 12 + 32 + 16);
    expect(wrappedDataKey.includes(dataKey)).toBe(false);
    expect(unwrapDataKey(ring, { id: "msg-1", dataKeyId, wrappedDataKey })).toEqual(dataKey);
  });

  it("gives every message its own data key", () => {
    const ring = ringOf("k1-aaaa");
    expect(createDataKey(ring, "msg-1").dataKey).not.toEqual(createDataKey(ring, "msg-1").dataKey);
  });

  it("refuses to unwrap with a different master key of the same id", () => {
    const ring = ringOf("k1-aaaa");
    const wrapped = createDataKey(ring, "msg-1");
    const impostor = ringOf("k1-aaaa");
    expect(() => unwrapDataKey(impostor, { id: "msg-1", ...wrapped })).toThrow(EnvelopeOpenError);
  });

  it("binds the wrapped key to its message id", () => {
    const ring = ringOf("k1-aaaa");
    const wrapped = createDataKey(ring, "msg-1");
    expect(() => unwrapDataKey(ring, { id: "msg-2", ...wrapped })).toThrow(/integrity check/);
  });

  it("binds the wrapped key to its master key id", () => {
    const ring = ringOf("k1-aaaa", "k2-bbbb");
    // Same key bytes under two ids: only the associated data can tell them apart.
    ring.keys.set("k2-bbbb", ring.keys.get("k1-aaaa")!);
    const wrapped = createDataKey(ring, "msg-1");
    expect(() => unwrapDataKey(ring, { id: "msg-1", wrappedDataKey: wrapped.wrappedDataKey, dataKeyId: "k2-bbbb" })).toThrow(
      EnvelopeOpenError,
    );
  });

  it("opens keys wrapped by an older master key after the ring gains a new active key", () => {
    const ring = ringOf("k1-aaaa");
    const wrapped = createDataKey(ring, "msg-1");
    const rotated: KeyRing = { activeId: "k2-bbbb", keys: new Map([...ring.keys, ["k2-bbbb", randomBytes(32)]]) };
    const rewrapped = wrapDataKey(rotated, "msg-1", unwrapDataKey(rotated, { id: "msg-1", ...wrapped }));
    expect(rewrapped.dataKeyId).toBe("k2-bbbb");
    expect(unwrapDataKey(rotated, { id: "msg-1", ...rewrapped })).toEqual(wrapped.dataKey);
  });

  it("reports a shredded message and a missing master key with typed errors", () => {
    const ring = ringOf("k1-aaaa");
    expect(() => unwrapDataKey(ring, { id: "msg-1", dataKeyId: "k1-aaaa", wrappedDataKey: null })).toThrow(ShreddedError);
    const wrapped = createDataKey(ring, "msg-1");
    const error = captureError(() => unwrapDataKey(ring, { id: "msg-1", wrappedDataKey: wrapped.wrappedDataKey, dataKeyId: "k9-gone" }));
    expect(error).toBeInstanceOf(KeyRingError);
    expect((error as KeyRingError).code).toBe("key-missing");
  });
});

describe("sealed parts", () => {
  const dataKey = randomBytes(32);

  it("round-trips, in the versioned format, with a fresh IV each time", () => {
    const sealed = sealPart(dataKey, "msg-1", "mime", plaintext);
    expect(sealed[0]).toBe(0x01);
    expect(sealed).toHaveLength(1 + 12 + plaintext.length + 16);
    expect(sealed.includes(Buffer.from("merger"))).toBe(false);
    expect(openPart(dataKey, "msg-1", "mime", sealed)).toEqual(plaintext);
    expect(sealPart(dataKey, "msg-1", "mime", plaintext)).not.toEqual(sealed);
  });

  it("round-trips empty and large parts, and accepts a plain Uint8Array view as stored by the database", () => {
    expect(openPart(dataKey, "m", "subject", sealPart(dataKey, "m", "subject", Buffer.alloc(0)))).toHaveLength(0);
    const large = randomBytes(3 * 1024 * 1024);
    const sealed = sealPart(dataKey, "m", "mime", large);
    const view = new Uint8Array(sealed.buffer.slice(0), sealed.byteOffset, sealed.byteLength);
    expect(openPart(dataKey, "m", "mime", view).equals(large)).toBe(true);
  });

  it.each([
    ["the version byte", 0],
    ["the IV", 5],
    ["the ciphertext", 1 + 12 + 10],
    ["the tag", -1],
  ])("detects a flipped bit in %s", (_what, offset) => {
    const sealed = sealPart(dataKey, "msg-1", "mime", plaintext);
    const tampered = flipByte(sealed, offset < 0 ? sealed.length + offset : offset);
    expect(() => openPart(dataKey, "msg-1", "mime", tampered)).toThrow(EnvelopeOpenError);
  });

  it("fails to open under another part name, another message id or another data key", () => {
    const sealed = sealPart(dataKey, "msg-1", "subject", plaintext);
    expect(() => openPart(dataKey, "msg-1", "mime", sealed)).toThrow(EnvelopeOpenError);
    expect(() => openPart(dataKey, "msg-2", "subject", sealed)).toThrow(EnvelopeOpenError);
    expect(() => openPart(randomBytes(32), "msg-1", "subject", sealed)).toThrow(EnvelopeOpenError);
  });

  it("cannot be fooled by moving bytes between the message id and the part name", () => {
    const sealed = sealPart(dataKey, "msg-1", "subject", plaintext);
    expect(() => openPart(dataKey, "msg-1s", "ubject", sealed)).toThrow(EnvelopeOpenError);
  });

  it("rejects truncated input and unknown format versions with a clear code", () => {
    const sealed = sealPart(dataKey, "msg-1", "mime", plaintext);
    const truncated = captureError(() => openPart(dataKey, "msg-1", "mime", sealed.subarray(0, 20)));
    expect((truncated as EnvelopeOpenError).code).toBe("unsupported-format");
    const future = Buffer.from(sealed);
    future[0] = 0x02;
    expect((captureError(() => openPart(dataKey, "msg-1", "mime", future)) as EnvelopeOpenError).code).toBe("unsupported-format");
  });

  it("keeps plaintext and key material out of error messages", () => {
    const sealed = sealPart(dataKey, "msg-1", "mime", plaintext);
    const error = captureError(() => openPart(dataKey, "msg-1", "mime", flipByte(sealed, 1 + 12 + 3)));
    expect(error.message).not.toMatch(/merger|quarterly/);
    expect(error.message).not.toContain(dataKey.toString("base64"));
    expect(error.message).not.toContain(dataKey.toString("hex"));
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}
