import { z } from "zod";
import type { AuditEventType } from "@/lib/audit/event-types";

// The shape of `data` for every audit event type. Listed keys are required (optional ones are marked), extra
// keys pass: reviewers get the facts they rely on in every event of a type, and a writer may add detail
// without a schema change. Shapes follow what the code records; they never hold message content or secrets.

const text = z.string();
const maybeText = z.string().nullable();
const count = z.number().int().nonnegative();
const flag = z.boolean();
// A point in time: an ISO 8601 string, or a Date (canonical JSON stores it as its ISO string).
const instant = z.union([z.string(), z.date()]);
// Any JSON value, including null, but present: a before/after pair must say what it was.
const anyValue = z.unknown().refine((value) => value !== undefined, { message: "is required" });

/** Final outcomes of a recipient other than delivery: why, and the failure class when there was one. */
const outcomeReason = z.looseObject({ failureClass: maybeText, reason: text });

/** A notice that left (or did not): which notice, and how it travelled (lib/notify/summarize-send-report.ts). */
const noticeReport = {
  via: text.optional(),
  delivered: flag.optional(),
  capturedInDevMailbox: flag.optional(),
  attempts: z.array(z.unknown()).optional(),
  error: text.optional(),
  userId: text.optional(),
};

const signedIn = z.looseObject({ via: text.optional(), device: text.optional(), passkeyId: text.optional() });
const userOnly = z.looseObject({ userId: text });
const nothingRequired = z.looseObject({});

export const AUDIT_EVENT_SCHEMAS = {
  "message.accepted": z.looseObject({
    recipients: count,
    sizeBytes: count,
    source: text,
    forceEscrow: flag,
    secureThread: flag.optional(),
  }),
  "message.refused": z.looseObject({ reason: text, replyCode: count }),
  // One per connection. mxHost is null when no MX could be reached at all (the route failed before any connection).
  "delivery.attempted": z.looseObject({
    mxHost: maybeText,
    failureClass: maybeText,
    detail: maybeText,
    mxIp: text.optional(),
    port: count.optional(),
    starttlsOffered: flag.nullable().optional(),
    tlsProtocol: maybeText.optional(),
    tlsCipher: maybeText.optional(),
    certFingerprint: maybeText.optional(),
    durationMs: count.optional(),
  }),
  "recipient.delivered": z.looseObject({
    mxHost: maybeText,
    mxIp: maybeText,
    tlsProtocol: maybeText,
    tlsCipher: maybeText,
    certFingerprint: maybeText,
  }),
  "recipient.escrowed": outcomeReason,
  "recipient.bounced": outcomeReason,
  "recipient.dropped": outcomeReason,
  "notification.sent": z.looseObject({ notice: text.optional(), ...noticeReport, accessTokenId: text.optional(), linkExpiresAt: text.optional() }),
  "notification.failed": z.looseObject({ notice: text, tries: count, ...noticeReport }),
  "sender_notice.sent": z.looseObject({ notice: maybeText, failureClass: maybeText, ...noticeReport }),
  "keys.rotated": z.looseObject({ newKeyId: text, previousKeyId: text, keyIds: z.array(text) }),
  "user.created": z.looseObject({ role: text, via: text, userId: text.optional(), invitationId: text.optional() }),
  // Password sign-ins checked without a further step record no details (lib/auth/verify-credentials.ts).
  "user.signed_in": signedIn,
  "user.sign_in_failed": z.looseObject({ reason: text, via: text.optional() }),
  "api_token.created": z.looseObject({ tokenId: text, userId: text, name: text }),
  "api_token.revoked": z.looseObject({ tokenId: text }),
  "domain_policy.changed": z.looseObject({ domain: text, before: anyValue, after: anyValue }),
  "access.denied": z.looseObject({ resource: text, reason: text }),
  "message.replied": z.looseObject({ replyMessageId: text, replyAll: flag, recipients: count, attachments: count }),
  "passkey.registered": z.looseObject({ passkeyId: text, name: text }),
  "passkey.removed": z.looseObject({ passkeyId: text, name: text }),
  "passphrase.set": z.looseObject({ replaced: flag }),
  "passphrase.verified": z.looseObject({ attempt: count }),
  "passphrase.failed": z.looseObject({ reason: text, attempt: count.optional(), locked: flag.optional() }),
  "webhook.created": z.looseObject({ webhookId: text, target: text, events: z.array(text) }),
  "webhook.deleted": z.looseObject({ webhookId: text, target: text }),
  "webhook.updated": z.looseObject({ webhookId: text, active: flag }),
  "webhook.delivered": z.looseObject({ webhookId: text, deliveryId: text, event: text, attempts: count, statusCode: count.nullable() }),
  "webhook.failed": z.looseObject({ webhookId: text, deliveryId: text, event: text, attempts: count, statusCode: count.nullable() }),
  // One setting (`key`), or a whole settings area changed at once (`area`, e.g. branding).
  "settings.changed": z.union([
    z.looseObject({ key: text, before: anyValue, after: anyValue }),
    z.looseObject({ area: text, before: anyValue, after: anyValue }),
  ]),
  // The recipient asking for a new link says so; a sender's resend carries no details.
  "notification.resent": z.looseObject({ requestedBy: text.optional(), accessTokenId: text.optional(), reason: text.optional() }),
  "recipient.revoked": z.looseObject({ afterFirstView: flag, linksExpired: count }),
  "recipient.expiry_changed": z.looseObject({ before: maybeText, after: text }),
  "recipient.expired": z.looseObject({ expiresAt: text }),
  "user.invited": z.looseObject({ userId: text, role: text, reinvited: flag }),
  "message.opened": z.looseObject({ userAgent: maybeText }),
  "attachment.downloaded": z.looseObject({ index: count, size: count }),
  "message.downloaded": z.looseObject({ size: count }),
  "receipt.sent": z.looseObject({ openedAt: maybeText, ...noticeReport }),
  "link.fetched": z.looseObject({ state: text, accessTokenId: maybeText, userAgent: text }),
  "link.opened": z.looseObject({ next: text, accessTokenId: text, userAgent: text }),
  "recipient.registered": z.looseObject({ accessTokenId: text }),
  "user.sign_in_throttled": z.looseObject({ retryAfterSeconds: count }),
  "device.code_sent": z.looseObject({ resend: flag }),
  "device.code_failed": z.looseObject({ attempts: count, locked: flag }),
  "device.verified": nothingRequired,
  "password.reset_requested": z.looseObject({ reason: text.optional() }),
  "password.changed": z.looseObject({ via: text }),
  "user.signed_out": nothingRequired,
  "user.signed_out_everywhere": nothingRequired,
  "user.role_changed": z.looseObject({ userId: text, before: anyValue, after: anyValue }),
  "user.deactivated": userOnly,
  "user.reactivated": userOnly,
  "mfa.enrolled": userOnly,
  "mfa.verified": userOnly,
  "mfa.failed": z.looseObject({ userId: text, reason: z.enum(["wrong-code", "replayed", "throttled"]) }),
  "mfa.reset": userOnly,
  "domain_policy.probed": z.looseObject({
    domain: text,
    ok: flag,
    results: z.array(
      z.looseObject({
        mxHost: text,
        mxIp: maybeText.optional(),
        tlsProtocol: maybeText.optional(),
        tlsCipher: maybeText.optional(),
        failureClass: maybeText.optional(),
      }),
    ),
  }),
  "audit.verified": z.looseObject({ ok: flag, checkedEvents: count, firstBadSeq: count.optional(), problem: text.optional() }),
  "audit.checkpoint_written": z.looseObject({ seq: count, hash: text, keyId: text }),
  "audit.exported": z.looseObject({ format: z.enum(["csv", "jsonl", "bundle"]), filter: z.record(z.string(), z.unknown()) }),
  "report.exported": z.looseObject({ report: text, from: instant.nullable(), to: instant.nullable() }),
  "break_glass.granted": z.looseObject({ grantId: text, justification: text, expiresAt: instant }),
  "break_glass.content_viewed": z.looseObject({ grantId: text, part: text }),
  "retention.changed": z.looseObject({ scope: z.enum(["organisation", "message"]), before: anyValue, after: anyValue }),
  "legal_hold.set": z.looseObject({ reason: text }),
  "legal_hold.released": z.looseObject({ reason: maybeText.optional() }),
  "message.shredded": z.looseObject({ reason: z.enum(["retention", "manual"]), retainUntil: instant.nullable().optional() }),
  "retention.applied": z.looseObject({ shredded: count, onHold: count, failed: count }),
} satisfies Record<AuditEventType, z.ZodType<Record<string, unknown>>>;

/** The `data` a caller passes for an event of type T (checked at compile time and again at run time). */
export type AuditEventData<T extends AuditEventType> = z.input<(typeof AUDIT_EVENT_SCHEMAS)[T]>;
