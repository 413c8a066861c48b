import { createHmac } from "node:crypto";

// Stripe-style signature: the timestamp is signed together with the body, so a captured request cannot be
// replayed later (receivers reject old timestamps) and the body cannot be swapped. README "Webhooks" documents
// the check for receivers; keep the two in step.

/** Hex HMAC-SHA256 of `<t>.<body>` keyed with the whole secret string (including its `whsec_` prefix). */
function computeWebhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The `Sealpost-Signature` header value: `t=<unix seconds>,v1=<hex HMAC>`. */
export function signWebhookPayload(secret: string, body: string, now: Date): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${computeWebhookSignature(secret, timestamp, body)}`;
}
