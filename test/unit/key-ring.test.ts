import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { addMasterKey, createKeyRingFile, getKeyRing, KeyRingError, loadKeyRing } from "@/lib/escrow/key-ring";

const scratch = mkdtempSync(path.join(tmpdir(), "sealpost-key-ring-"));
let counter = 0;
const freshPath = () => path.join(scratch, `ring-${++counter}`, "master-keys.json");

function captureError(run: () => unknown): KeyRingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KeyRingError);
    return error as KeyRingError;
  }
  throw new Error("expected a KeyRingError");
}

type RingJson = { version: number; activeKeyId: string; keys: { id: string; key: string; createdAt: string }[] };
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as RingJson;

describe("createKeyRingFile", () => {
  it("creates the parent directory and a 0600 file holding one active 256-bit key", () => {
    const file = freshPath();
    createKeyRingFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const json = readJson(file);
    expect(json.version).toBe(1);
    expect(json.keys).toHaveLength(1);
    const [key] = json.keys;
    expect(key!.id).toMatch(/^k1-[0-9a-f]{8}$/);
    expect(json.activeKeyId).toBe(key!.id);
    expect(Buffer.from(key!.key, "base64")).toHaveLength(32);
    expect(Number.isNaN(Date.parse(key!.createdAt))).toBe(false);
    const ring = loadKeyRing(file);
    expect(ring.activeId).toBe(key!.id);
    expect(ring.keys.get(key!.id)).toEqual(Buffer.from(key!.key, "base64"));
    expect(readdirSync(path.dirname(file))).toEqual(["master-keys.json"]);
  });

  it("refuses to overwrite an existing key ring and leaves it untouched", () => {
    const file = freshPath();
    createKeyRingFile(file);
    const before = readFileSync(file);
    expect(captureError(() => createKeyRingFile(file)).code).toBe("exists");
    expect(readFileSync(file)).toEqual(before);
    expect(readdirSync(path.dirname(file))).toEqual(["master-keys.json"]);
  });

  it("generates different keys each time", () => {
    const a = freshPath();
    const b = freshPath();
    createKeyRingFile(a);
    createKeyRingFile(b);
    expect(readJson(a).keys[0]!.key).not.toBe(readJson(b).keys[0]!.key);
  });
});

describe("loadKeyRing", () => {
  it.each([0o640, 0o644, 0o604, 0o660])("refuses a file with mode %o and says to chmod 600", (mode) => {
    const file = freshPath();
    createKeyRingFile(file);
    chmodSync(file, mode);
    const error = captureError(() => loadKeyRing(file));
    expect(error.code).toBe("permissions");
    expect(error.message).toContain(`chmod 600 ${file}`);
    chmodSync(file, 0o600);
    expect(loadKeyRing(file).keys.size).toBe(1);
  });

  it("reports a missing file", () => {
    expect(captureError(() => loadKeyRing(freshPath())).code).toBe("missing");
  });

  it("reports corrupt files without echoing key material", () => {
    const file = freshPath();
    createKeyRingFile(file);
    const good = readJson(file);
    const keyText = good.keys[0]!.key;
    const write = (content: string) => writeFileSync(file, content, { mode: 0o600 });

    write("{ not json");
    expect(captureError(() => loadKeyRing(file)).code).toBe("corrupt");

    write(JSON.stringify({ ...good, activeKeyId: "k7-missing" }));
    expect(captureError(() => loadKeyRing(file)).message).toContain("k7-missing");

    write(JSON.stringify({ ...good, version: 2 }));
    expect(captureError(() => loadKeyRing(file)).code).toBe("corrupt");

    write(JSON.stringify({ ...good, keys: [good.keys[0], good.keys[0]] }));
    expect(captureError(() => loadKeyRing(file)).message).toContain("appears twice");

    const short = Buffer.from(keyText, "base64").subarray(0, 16).toString("base64");
    write(JSON.stringify({ ...good, keys: [{ ...good.keys[0], key: short }] }));
    const error = captureError(() => loadKeyRing(file));
    expect(error.message).toContain("256-bit");
    expect(error.message).not.toContain(short);

    write(JSON.stringify({ ...good, keys: [{ ...good.keys[0], key: `${keyText}!` }] }));
    expect(captureError(() => loadKeyRing(file)).message).not.toContain(keyText);
  });
});

describe("addMasterKey", () => {
  it("adds a new active key, keeps the old ones, stays 0600 and leaves no temporary file", () => {
    const file = freshPath();
    createKeyRingFile(file);
    const first = loadKeyRing(file);
    const { ring, newKeyId, previousKeyId } = addMasterKey(file);
    expect(previousKeyId).toBe(first.activeId);
    expect(newKeyId).toMatch(/^k2-[0-9a-f]{8}$/);
    expect(ring.activeId).toBe(newKeyId);
    expect(ring.keys.get(first.activeId)).toEqual(first.keys.get(first.activeId));
    expect(ring.keys.get(newKeyId)).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(["master-keys.json"]);
    expect(addMasterKey(file).ring.keys.size).toBe(3);
  });

  it("refuses to rotate a ring whose permissions are too open", () => {
    const file = freshPath();
    createKeyRingFile(file);
    chmodSync(file, 0o644);
    expect(captureError(() => addMasterKey(file)).code).toBe("permissions");
    expect(readJson(file).keys).toHaveLength(1);
  });
});

describe("getKeyRing", () => {
  it("caches the configured ring and notices when the file is rotated", () => {
    const file = getConfig().masterKeyFile;
    const first = getKeyRing();
    expect(getKeyRing()).toBe(first);
    const { newKeyId } = addMasterKey(file);
    const second = getKeyRing();
    expect(second.activeId).toBe(newKeyId);
    expect([...second.keys.keys()]).toEqual([first.activeId, newKeyId]);
    expect(getKeyRing()).toBe(second);
  });
});
