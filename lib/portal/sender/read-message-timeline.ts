import { getDb } from "@/lib/db";

// The one read behind every view of a message's delivery status: `sealpost status`, GET /api/v1/messages/:id
// and the sender's timeline page. It authorises nothing: each caller decides who may see what (the CLI runs
// with the operator's own rights; the API and the pages check ownership) and then shapes its own output.
// Sealed content is never read here.

// Audit events that tell the story of a recipient after the pipeline decided its outcome. access.denied and
// the like stay out: they are about other people and belong to the compliance view, not the sender's.
const TIMELINE_EVENT_TYPES = [
  "recipient.escrowed",
  "notification.sent",
  "notification.failed",
  "notification.resent",
  "link.fetched",
  "link.opened",
  "message.opened",
  "receipt.sent",
  "message.replied",
  "passphrase.set",
  "passphrase.verified",
  "passphrase.failed",
  "recipient.revoked",
  "recipient.expiry_changed",
  "recipient.expired",
];

// A message has a handful of recipients and each a few events; the cap only guards against a runaway loop.
const MAX_EVENTS = 1_000;

export type TimelineEvent = {
  seq: number;
  at: Date;
  type: string;
  actorType: string;
  sourceIp: string | null;
  recipientId: string | null;
  outcome: string;
  data: Record<string, unknown>;
};

export type TimelineAttempt = {
  id: string;
  startedAt: Date;
  durationMs: number;
  mxHost: string | null;
  mxIp: string | null;
  port: number | null;
  starttlsOffered: boolean | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  certSubject: string | null;
  certIssuer: string | null;
  certFingerprint: string | null;
  certValidFrom: Date | null;
  certValidTo: Date | null;
  failureClass: string | null;
  failureDetail: string | null;
  outcome: string;
};

export type TimelineRecipient = {
  id: string;
  address: string;
  status: string;
  outcomeClass: string | null;
  outcomeAt: Date | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  notifiedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  passphraseRequired: boolean;
  passphraseVerifiedAt: Date | null;
  firstViewedAt: Date | null;
  firstViewIp: string | null;
  receiptSentAt: Date | null;
  repliedAt: Date | null;
  attempts: TimelineAttempt[];
  events: TimelineEvent[];
};

export type MessageTimeline = {
  id: string;
  source: string;
  envelopeFrom: string;
  fromName: string;
  fromAddress: string;
  forceEscrow: boolean;
  sizeBytes: number;
  createdAt: Date;
  recipients: TimelineRecipient[];
};

/** The timeline plus who sent it, kept apart so the owner id never ends up in a caller's output by accident. */
export type OwnedMessageTimeline = { senderUserId: string | null; timeline: MessageTimeline };

function parseData(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Envelope facts, per-recipient outcome, every delivery attempt and the recipient's audit events; null if unknown. */
export async function readMessageTimeline(messageId: string): Promise<OwnedMessageTimeline | null> {
  const db = getDb();
  const message = await db.message.findUnique({
    where: { id: messageId },
    select: {
      id: true,
      source: true,
      senderUserId: true,
      envelopeFrom: true,
      fromName: true,
      fromAddress: true,
      forceEscrow: true,
      sizeBytes: true,
      createdAt: true,
      recipients: {
        orderBy: { address: "asc" },
        select: {
          id: true, address: true, status: true, outcomeClass: true, outcomeAt: true, tlsProtocol: true, tlsCipher: true,
          notifiedAt: true, expiresAt: true, revokedAt: true, passphraseHash: true, passphraseVerifiedAt: true,
          firstViewedAt: true, firstViewIp: true, receiptSentAt: true, repliedAt: true,
          attempts: {
            orderBy: { startedAt: "asc" },
            select: {
              id: true, startedAt: true, durationMs: true, mxHost: true, mxIp: true, port: true, starttlsOffered: true,
              tlsProtocol: true, tlsCipher: true, certSubject: true, certIssuer: true, certFingerprint: true,
              certValidFrom: true, certValidTo: true, failureClass: true, failureDetail: true, outcome: true,
            },
          },
        },
      },
    },
  });
  if (!message) return null;
  const events = await db.auditEvent.findMany({
    where: { messageId, type: { in: TIMELINE_EVENT_TYPES } },
    orderBy: { seq: "asc" },
    take: MAX_EVENTS,
    select: { seq: true, at: true, type: true, actorType: true, sourceIp: true, recipientId: true, outcome: true, data: true },
  });
  const { senderUserId, recipients, ...envelope } = message;
  return {
    senderUserId,
    timeline: {
      ...envelope,
      recipients: recipients.map(({ passphraseHash, ...recipient }) => ({
        ...recipient,
        // The hash itself never leaves the read: callers only need to know a passphrase is required.
        passphraseRequired: passphraseHash !== null,
        events: events.filter((event) => event.recipientId === recipient.id).map((event) => ({ ...event, data: parseData(event.data) })),
      })),
    },
  };
}
