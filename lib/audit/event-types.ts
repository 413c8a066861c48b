// The closed vocabulary of audit events (`entity.verb_past`). Adding a type is a deliberate act: compliance
// exports and reports depend on these names staying stable.
export const AUDIT_EVENT_TYPES = [
  "message.accepted",
  "message.refused",
  "delivery.attempted",
  "recipient.delivered",
  "recipient.escrowed",
  "recipient.bounced",
  "recipient.dropped",
  "notification.sent",
  "notification.failed",
  "sender_notice.sent",
  "keys.rotated",
  "user.created",
  "user.signed_in",
  "user.sign_in_failed",
  "api_token.created",
  "api_token.revoked",
  "domain_policy.changed",
  "access.denied",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export type AuditActorType = "system" | "user" | "smtp-client" | "api-token";

export type AuditOutcome = "success" | "failure" | "denied";
