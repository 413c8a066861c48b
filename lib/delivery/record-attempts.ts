import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Tx } from "@/lib/db";
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
  for (const attempt of input.attempts) {
    await tx.deliveryAttempt.create({
      data: {
        recipientId: input.recipientId,
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
      },
    });
    await recordAuditEvent(tx, {
      type: "delivery.attempted",
      actorType: "system",
      actorId: input.actorId,
      messageId: input.messageId,
      recipientId: input.recipientId,
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
    await tx.deliveryAttempt.create({
      data: {
        recipientId: input.recipientId,
        startedAt: input.startedAt,
        durationMs: Math.round(input.durationMs),
        smtpReplies: "[]",
        failureClass,
        failureDetail: detail,
        outcome: "failed",
      },
    });
    await recordAuditEvent(tx, {
      type: "delivery.attempted",
      actorType: "system",
      actorId: input.actorId,
      messageId: input.messageId,
      recipientId: input.recipientId,
      outcome: "failure",
      data: { mxHost: null, failureClass, detail },
    });
  }
}
