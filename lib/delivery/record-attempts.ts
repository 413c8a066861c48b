import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/sqlite/client";
import { type AuditEventInput, recordAuditEvents } from "@/lib/audit/record-event";
import type { Tx } from "@/lib/db";
import { insertRows } from "@/lib/insert-rows";
import type { AttemptRecord } from "@/lib/delivery/attempt-smtp";
import type { RouteFailure } from "@/lib/delivery/resolve-routes";

export type AttemptsToRecord = {
  recipientId: string;
  messageId: string;
  attempts: AttemptRecord[];
  /** A DNS failure before any connection: recorded as an attempt without an MX so the history shows it. */
  routeFailure?: RouteFailure;
  startedAt: Date;
  durationMs: number;
  actorId: string;
};

/**
 * One DeliveryAttempt row and one `delivery.attempted` audit event per connection, in the caller's transaction
 * (the same one that records the outcome). Only connection facts are kept: hosts, TLS details, certificate,
 * SMTP replies and the failure class; never message content.
 */
export async function recordAttempts(tx: Tx, input: AttemptsToRecord): Promise<void> {
  const { recipientId, messageId, actorId } = input;
  const rows: Prisma.DeliveryAttemptCreateManyInput[] = [];
  const events: AuditEventInput<"delivery.attempted">[] = [];
  for (const attempt of input.attempts) {
    rows.push({
      id: randomUUID(),
      recipientId,
      startedAt: attempt.startedAt,
      durationMs: Math.round(attempt.durationMs),
      mxHost: attempt.mxHost,
      mxIp: attempt.mxIp,
      port: attempt.port,
      starttlsOffered: attempt.starttlsOffered,
      tlsProtocol: attempt.tlsProtocol,
      tlsCipher: attempt.tlsCipher,
      certSubject: attempt.certSubject,
      certIssuer: attempt.certIssuer,
      certFingerprint: attempt.certFingerprint,
      certValidFrom: attempt.certValidFrom,
      certValidTo: attempt.certValidTo,
      smtpReplies: JSON.stringify(attempt.smtpReplies),
      failureClass: attempt.failureClass,
      failureDetail: attempt.failureDetail,
      outcome: attempt.outcome,
    });
    events.push({
      type: "delivery.attempted",
      actorType: "system",
      actorId,
      messageId,
      recipientId,
      outcome: attempt.outcome === "delivered" ? "success" : "failure",
      data: {
        mxHost: attempt.mxHost,
        mxIp: attempt.mxIp,
        port: attempt.port,
        starttlsOffered: attempt.starttlsOffered,
        tlsProtocol: attempt.tlsProtocol,
        tlsCipher: attempt.tlsCipher,
        certFingerprint: attempt.certFingerprint,
        failureClass: attempt.failureClass,
        detail: attempt.failureDetail,
        durationMs: Math.round(attempt.durationMs),
      },
    });
  }
  if (input.routeFailure) {
    const { failureClass, detail } = input.routeFailure;
    rows.push({
      ...NO_CONNECTION,
      id: randomUUID(),
      recipientId,
      startedAt: input.startedAt,
      durationMs: Math.round(input.durationMs),
      smtpReplies: "[]",
      failureClass,
      failureDetail: detail,
      outcome: "failed",
    });
    events.push({
      type: "delivery.attempted",
      actorType: "system",
      actorId,
      messageId,
      recipientId,
      outcome: "failure",
      data: { mxHost: null, failureClass, detail },
    });
  }
  // Raw multi-row insert (lib/insert-rows.ts): every delivery writes these, so their cost is delivery's cost.
  await insertRows(tx, "DeliveryAttempt", rows);
  await recordAuditEvents(tx, events);
}

// insertRows needs the same columns in every row: a DNS failure has no connection facts.
const NO_CONNECTION = {
  mxHost: null,
  mxIp: null,
  port: null,
  starttlsOffered: null,
  tlsProtocol: null,
  tlsCipher: null,
  certSubject: null,
  certIssuer: null,
  certFingerprint: null,
  certValidFrom: null,
  certValidTo: null,
} as const;
