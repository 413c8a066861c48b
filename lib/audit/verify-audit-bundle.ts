import { createHash, type KeyObject } from "node:crypto";
import type { z } from "zod";
import {
  bundleEventSchema,
  bundleHeaderSchema,
  bundleStatement,
  bundleTrailerSchema,
  type BundleHeader,
} from "@/lib/audit/audit-bundle-format";
import { hashAuditEvent } from "@/lib/audit/hash-audit-event";
import { auditKeyId, readAuditPublicKey, verifyAuditStatement } from "@/lib/audit/sign-audit-statement";

export type AuditBundleProblem = "malformed" | "untrusted-key" | "altered" | "missing" | "reordered" | "broken-link" | "bad-signature";

export type AuditBundleReport =
  | { ok: true; fromSeq: number; toSeq: number; count: number; lastHash: string; keyId: string; trustedKey: boolean }
  | { ok: false; line: number; seq: number | null; problem: AuditBundleProblem; detail: string };

/**
 * Checks a signed audit bundle (lib/audit/audit-bundle-format.ts) with no database: every event's hash and link
 * is recomputed, the range must be complete, and the trailer's digest and Ed25519 signature must match. Reports
 * the first bad line (1-based) and, for event lines, the seq. Without `trustedPublicKeyPem` the signature is only
 * checked against the key inside the bundle, which anyone could replace: `trustedKey: false` says so.
 * @throws TypeError when trustedPublicKeyPem is not an Ed25519 public key.
 */
export function verifyAuditBundle(text: string, trustedPublicKeyPem?: string): AuditBundleReport {
  const trusted = trustedPublicKeyPem === undefined ? null : readAuditPublicKey(trustedPublicKeyPem);
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  const header = parseLine(lines[0] ?? "", bundleHeaderSchema);
  if (!header.ok) return fail(1, null, "malformed", `the header ${header.error}`);
  const key = headerKey(header.value, trusted);
  if ("problem" in key) return fail(1, null, key.problem, key.detail);

  // The last line is the trailer when it says so; otherwise the bundle was cut short and every line is an event.
  const last = lines.length > 1 ? parseLine(lines[lines.length - 1] ?? "", bundleTrailerSchema.partial()) : null;
  const hasTrailer = last?.ok === true && last.value.trailer === true;
  const eventLines = hasTrailer ? lines.length - 1 : lines.length;

  const digest = createHash("sha256").update(`${lines[0]}\n`, "utf8");
  let expectedSeq = header.value.fromSeq;
  let prevHash = header.value.prevHash;
  for (let index = 1; index < eventLines; index++) {
    const line = index + 1;
    const raw = lines[index] ?? "";
    const event = parseLine(raw, bundleEventSchema);
    if (!event.ok) return fail(line, null, "malformed", `the line ${event.error}`);
    const row = event.value;
    if (row.seq > expectedSeq) return fail(line, row.seq, "missing", `event #${expectedSeq}${row.seq - 1 > expectedSeq ? `–#${row.seq - 1}` : ""} before it is not in the bundle`);
    if (row.seq < expectedSeq) return fail(line, row.seq, "reordered", `event #${row.seq} comes after #${expectedSeq - 1}`);
    let recomputed: string;
    try {
      recomputed = hashAuditEvent(row.prevHash, { ...row, at: new Date(row.at) });
    } catch {
      return fail(line, row.seq, "altered", "its data is not valid JSON");
    }
    if (recomputed !== row.hash) return fail(line, row.seq, "altered", "its contents do not match its hash");
    if (row.prevHash !== prevHash) return fail(line, row.seq, "broken-link", `it does not link to event #${row.seq - 1}`);
    digest.update(`${raw}\n`, "utf8");
    prevHash = row.hash;
    expectedSeq += 1;
  }
  const count = eventLines - 1;
  const trailerLine = lines.length;
  const trailer = hasTrailer ? parseLine(lines[trailerLine - 1] ?? "", bundleTrailerSchema) : null;
  if (!trailer) return fail(trailerLine + 1, null, "missing", "the bundle ends without its signed trailer: it was cut short");
  if (!trailer.ok) return fail(trailerLine, null, "malformed", `the trailer ${trailer.error}`);
  const { toSeq, fromSeq } = header.value;
  if (count > 0 && expectedSeq - 1 !== toSeq) return fail(trailerLine, expectedSeq, "missing", `the header promises events up to #${toSeq}, the last one is #${expectedSeq - 1}`);
  if (count !== trailer.value.count || prevHash !== trailer.value.lastHash) {
    return fail(trailerLine, null, "missing", `the trailer vouches for ${trailer.value.count} events, the bundle holds ${count}`);
  }
  if (digest.digest("hex") !== trailer.value.digest) {
    return fail(trailerLine, null, "bad-signature", "the header or event lines are not the ones the signature covers");
  }
  if (!verifyAuditStatement(key.publicKey, bundleStatement(trailer.value, header.value.keyId), trailer.value.signature)) {
    return fail(trailerLine, null, "bad-signature", `the signature does not verify with key ${header.value.keyId}`);
  }
  return { ok: true, fromSeq, toSeq, count, lastHash: prevHash, keyId: header.value.keyId, trustedKey: trusted !== null };
}

/** The key that must have signed: the trusted one if given (and the header must name it), else the header's. */
function headerKey(header: BundleHeader, trusted: KeyObject | null): { publicKey: KeyObject } | { problem: AuditBundleProblem; detail: string } {
  let inBundle: KeyObject;
  try {
    inBundle = readAuditPublicKey(header.publicKey);
  } catch {
    return { problem: "malformed", detail: "the header's public key is not an Ed25519 PEM key" };
  }
  if (auditKeyId(inBundle) !== header.keyId) return { problem: "malformed", detail: "the header's key id does not belong to its public key" };
  if (trusted && auditKeyId(trusted) !== header.keyId) {
    return { problem: "untrusted-key", detail: `the bundle was signed with key ${header.keyId}, not with the trusted key ${auditKeyId(trusted)}` };
  }
  return { publicKey: trusted ?? inBundle };
}

function parseLine<T>(raw: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: "is not JSON" };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `does not have the expected fields (${issue?.path.join(".") || "line"}: ${issue?.message ?? "invalid"})` };
}

function fail(line: number, seq: number | null, problem: AuditBundleProblem, detail: string): AuditBundleReport {
  return { ok: false, line, seq, problem, detail };
}
