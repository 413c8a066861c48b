import { z } from "zod";

// A signed audit bundle is a JSON Lines document a third party can check with nothing but the public key:
//   line 1      header: format, seq range, the hash the first event links to, the signing key, createdAt
//   lines 2..n  every event of the range exactly as stored (data as its stored canonical JSON text), so each
//               hash and link can be recomputed (lib/audit/hash-audit-event.ts)
//   last line   trailer: event count, last hash, SHA-256 over the header and event lines (each with its "\n"),
//               and an Ed25519 signature over canonicalJson(bundleStatement)
// The signature proves the bundle is what this installation's audit key vouched for; the trust anchor is the
// public key, obtained out of band (`sealpost audit public-key`), not the copy inside the header.

export const BUNDLE_FORMAT = "sealpost-audit-bundle";
export const BUNDLE_VERSION = 1;

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().nonnegative();

export const bundleHeaderSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  /** First and last seq asked for; a range with no events has fromSeq > toSeq. */
  fromSeq: seq.min(1),
  toSeq: seq,
  /** The hash the first event links to: the event before the range, or 64 zeros when the range starts at #1. */
  prevHash: hash,
  publicKey: z.string().min(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  createdAt: z.iso.datetime(),
});

export const bundleEventSchema = z.object({
  seq: seq.min(1),
  at: z.iso.datetime(),
  type: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  messageId: z.string().nullable(),
  recipientId: z.string().nullable(),
  outcome: z.string(),
  data: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});

export const bundleTrailerSchema = z.object({
  trailer: z.literal(true),
  count: seq,
  lastHash: hash,
  digest: hash,
  signature: z.string().min(1),
});

export type BundleHeader = z.infer<typeof bundleHeaderSchema>;
export type BundleEvent = z.infer<typeof bundleEventSchema>;
export type BundleTrailer = z.infer<typeof bundleTrailerSchema>;

/** What the trailer's signature covers. Its keys differ from a checkpoint's, so neither signature fits the other. */
export function bundleStatement(trailer: Omit<BundleTrailer, "trailer" | "signature">, keyId: string): Record<string, unknown> {
  return { bundle: `${BUNDLE_FORMAT}/${BUNDLE_VERSION}`, count: trailer.count, lastHash: trailer.lastHash, digest: trailer.digest, keyId };
}

/** One stored AuditEvent row as a bundle line (without its newline). */
export function bundleEventLine(row: Omit<BundleEvent, "at"> & { at: Date }): string {
  const event: BundleEvent = {
    seq: row.seq,
    at: row.at.toISOString(),
    type: row.type,
    actorType: row.actorType,
    actorId: row.actorId,
    sourceIp: row.sourceIp,
    messageId: row.messageId,
    recipientId: row.recipientId,
    outcome: row.outcome,
    data: row.data,
    prevHash: row.prevHash,
    hash: row.hash,
  };
  return JSON.stringify(event);
}
