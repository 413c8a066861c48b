import { createHash } from "node:crypto";
import { getAuditSigningKey } from "@/lib/audit/audit-signing-key";
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleEventLine, bundleStatement, type BundleHeader } from "@/lib/audit/audit-bundle-format";
import { GENESIS_HASH } from "@/lib/audit/hash-audit-event";
import { signAuditStatement } from "@/lib/audit/sign-audit-statement";
import { getDb } from "@/lib/db";

export type AuditBundleRange = { fromSeq?: number; toSeq?: number };

/**
 * The signed bundle (lib/audit/audit-bundle-format.ts) for events fromSeq..toSeq (default: the whole chain; toSeq
 * is capped at the head when the export starts, so events recorded meanwhile are not included), as text chunks:
 * the header, one chunk per batch of events, then the trailer. Never holds more than one batch in memory.
 * A range with fromSeq after toSeq is an empty bundle. The caller audits the export (`audit.exported`).
 */
export async function* streamAuditBundle(range: AuditBundleRange = {}, opts: { batchSize?: number; now?: Date } = {}): AsyncGenerator<string> {
  const fromSeq = range.fromSeq ?? 1;
  if (!Number.isInteger(fromSeq) || fromSeq < 1) throw new RangeError("fromSeq must be a whole number of at least 1.");
  if (range.toSeq !== undefined && (!Number.isInteger(range.toSeq) || range.toSeq < 0)) throw new RangeError("toSeq must be a whole number.");
  const batchSize = opts.batchSize ?? 1000;
  const key = getAuditSigningKey();
  const db = getDb();
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  const toSeq = Math.min(range.toSeq ?? Number.MAX_SAFE_INTEGER, head?.seq ?? 0);
  const before = await db.auditEvent.findFirst({ where: { seq: { lt: fromSeq } }, orderBy: { seq: "desc" }, select: { hash: true } });
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    fromSeq,
    toSeq,
    prevHash: before?.hash ?? GENESIS_HASH,
    publicKey: key.publicKeyPem,
    keyId: key.keyId,
    createdAt: (opts.now ?? new Date()).toISOString(),
  };
  const digest = createHash("sha256");
  const headerLine = `${JSON.stringify(header)}\n`;
  digest.update(headerLine, "utf8");
  yield headerLine;

  let count = 0;
  let lastHash = header.prevHash;
  let next = fromSeq;
  while (next <= toSeq) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gte: next, lte: toSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    if (rows.length === 0) break;
    const chunk = rows.map((row) => `${bundleEventLine(row)}\n`).join("");
    digest.update(chunk, "utf8");
    count += rows.length;
    lastHash = rows.at(-1)!.hash;
    next = rows.at(-1)!.seq + 1;
    yield chunk;
  }
  const summary = { count, lastHash, digest: digest.digest("hex") };
  const signature = signAuditStatement(key.privateKey, bundleStatement(summary, key.keyId));
  yield `${JSON.stringify({ trailer: true, ...summary, signature })}\n`;
}
