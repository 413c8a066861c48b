import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { KeyRingError, type KeyRing } from "@/lib/escrow/key-ring";
import { ShreddedError } from "@/lib/escrow/shredded-error";

// Envelope encryption. Each message has its own random 256-bit data key; its parts (subject, MIME) are
// sealed with it, and the data key itself is sealed ("wrapped") with a master key from the key ring.
// Rotating a master key then means re-wrapping 61-byte data keys, never re-encrypting bodies, and
// destroying one wrapped data key makes that message unreadable for good.
//
// Sealed format (both parts and wrapped keys): version byte | 12-byte random IV | ciphertext | 16-byte tag.
// AES-256-GCM with 96-bit random IVs: each data key seals a handful of parts and each master key wraps one
// data key per message, far below the 2^32 invocations NIST SP 800-38D §8.3 allows per key.
// The associated data names what the ciphertext is (message id + part, or message id + master key id), so a
// ciphertext copied into another message's or part's row fails authentication instead of opening.

const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class EnvelopeOpenError extends Error {
  constructor(
    readonly code: "unsupported-format" | "authentication-failed",
    message: string,
  ) {
    super(message);
    this.name = "EnvelopeOpenError";
  }
}

/** Version byte, a purpose label and length-prefixed fields: unambiguous whatever the fields contain. */
function associatedData(version: number, purpose: "part" | "data-key" | "secret", fields: string[]): Buffer {
  const chunks = [Buffer.of(version), Buffer.from(`sealpost/${purpose}`, "utf8")];
  for (const field of fields) {
    const bytes = Buffer.from(field, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    chunks.push(length, bytes);
  }
  return Buffer.concat(chunks);
}

function seal(key: Buffer, aad: Buffer, plaintext: Uint8Array): Buffer<ArrayBuffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  return Buffer.concat([Buffer.of(FORMAT_V1), iv, head, tail, cipher.getAuthTag()]);
}

function open(key: Buffer, aadFor: (version: number) => Buffer, sealed: Uint8Array, what: string): Buffer<ArrayBuffer> {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT_V1) {
    throw new EnvelopeOpenError(
      "unsupported-format",
      `${what} is not in a sealed format this version of Sealpost understands. Upgrade Sealpost or restore the database.`,
    );
  }
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aadFor(FORMAT_V1));
  decipher.setAuthTag(tag);
  const head = decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([head, decipher.final()]);
  } catch {
    // Never return or log `head`: unauthenticated plaintext must not leave this function.
    throw new EnvelopeOpenError(
      "authentication-failed",
      `${what} failed its integrity check: it was altered, belongs to another message, or the key is wrong.`,
    );
  }
}

/** Wraps `dataKey` with the ring's active master key, bound to `messageId` and that key's id. */
export function wrapDataKey(
  ring: KeyRing,
  messageId: string,
  dataKey: Buffer,
): { wrappedDataKey: Buffer<ArrayBuffer>; dataKeyId: string } {
  const masterKey = ring.keys.get(ring.activeId);
  if (!masterKey) throw new KeyRingError("key-missing", `The active master key ${ring.activeId} is not in the key ring.`);
  const aad = associatedData(FORMAT_V1, "data-key", [messageId, ring.activeId]);
  return { wrappedDataKey: seal(masterKey, aad, dataKey), dataKeyId: ring.activeId };
}

/** A fresh random data key for one message, and its wrapped form to store on the Message row. */
export function createDataKey(
  ring: KeyRing,
  messageId: string,
): { dataKey: Buffer<ArrayBuffer>; wrappedDataKey: Buffer<ArrayBuffer>; dataKeyId: string } {
  const dataKey = randomBytes(KEY_BYTES);
  return { dataKey, ...wrapDataKey(ring, messageId, dataKey) };
}

/** Recovers a message's data key. Throws ShreddedError when the wrapped key was destroyed. */
export function unwrapDataKey(
  ring: KeyRing,
  message: { id: string; dataKeyId: string; wrappedDataKey: Uint8Array | null },
): Buffer<ArrayBuffer> {
  if (message.wrappedDataKey === null) throw new ShreddedError(message.id);
  const masterKey = ring.keys.get(message.dataKeyId);
  if (!masterKey) {
    throw new KeyRingError(
      "key-missing",
      `Master key ${message.dataKeyId}, needed for message ${message.id}, is not in the key ring. Restore the key ring file from backup.`,
    );
  }
  const aad = (version: number) => associatedData(version, "data-key", [message.id, message.dataKeyId]);
  const dataKey = open(masterKey, aad, message.wrappedDataKey, `The data key of message ${message.id}`);
  if (dataKey.length !== KEY_BYTES) {
    throw new EnvelopeOpenError("unsupported-format", `The data key of message ${message.id} has the wrong length.`);
  }
  return dataKey;
}

/** Seals one part of a message (e.g. "subject", "mime") under its data key. */
export function sealPart(dataKey: Buffer, messageId: string, part: string, plaintext: Buffer): Buffer<ArrayBuffer> {
  return seal(dataKey, associatedData(FORMAT_V1, "part", [messageId, part]), plaintext);
}

/** Opens a part sealed by `sealPart` for the same message id and part name; throws if anything differs. */
export function openPart(dataKey: Buffer, messageId: string, part: string, sealed: Uint8Array): Buffer<ArrayBuffer> {
  const aad = (version: number) => associatedData(version, "part", [messageId, part]);
  return open(dataKey, aad, sealed, `Part "${part}" of message ${messageId}`);
}

/**
 * Seals a small secret the server must read back later (e.g. a webhook signing secret) with the ring's active
 * master key. Bound to what it is (`purpose`, `id`) and the key id, like wrapped data keys, so it opens
 * nowhere else; old keys stay in the ring, so secrets sealed before a rotation still open.
 */
export function sealWithMasterKey(
  ring: KeyRing,
  purpose: string,
  id: string,
  plaintext: Buffer,
): { sealed: Buffer<ArrayBuffer>; keyId: string } {
  const masterKey = ring.keys.get(ring.activeId);
  if (!masterKey) throw new KeyRingError("key-missing", `The active master key ${ring.activeId} is not in the key ring.`);
  return { sealed: seal(masterKey, associatedData(FORMAT_V1, "secret", [purpose, id, ring.activeId]), plaintext), keyId: ring.activeId };
}

/** Opens a secret sealed by `sealWithMasterKey` for the same purpose and id; throws if anything differs. */
export function openWithMasterKey(
  ring: KeyRing,
  purpose: string,
  id: string,
  stored: { sealed: Uint8Array; keyId: string },
): Buffer<ArrayBuffer> {
  const masterKey = ring.keys.get(stored.keyId);
  if (!masterKey) {
    throw new KeyRingError(
      "key-missing",
      `Master key ${stored.keyId}, needed for ${purpose} ${id}, is not in the key ring. Restore the key ring file from backup.`,
    );
  }
  const aad = (version: number) => associatedData(version, "secret", [purpose, id, stored.keyId]);
  return open(masterKey, aad, stored.sealed, `The ${purpose} secret of ${id}`);
}
