import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { assertRole, type Actor } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { getKeyRing } from "@/lib/escrow/key-ring";
import {
  parseWebhookUrl,
  resolveWebhookTarget,
  resolveWithSystem,
  WebhookTargetError,
  type ResolveHost,
} from "@/lib/webhooks/check-webhook-target";
import type { RequestContext } from "@/lib/webhooks/find-own-webhook";
import { describeWebhookUrl } from "@/lib/webhooks/describe-webhook-url";
import type { WebhookEvent } from "@/lib/webhooks/webhook-events";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/webhooks/webhook-secret";

/** A person keeps a handful of endpoints; the cap bounds the work one message's events can fan out to. */
const MAX_WEBHOOKS_PER_OWNER = 10;

export class WebhookLimitError extends Error {
  constructor() {
    super(`You already have ${MAX_WEBHOOKS_PER_OWNER} webhooks. Delete one you no longer use before adding another.`);
    this.name = "WebhookLimitError";
  }
}

export type CreateWebhookInput = { url: string; events: WebhookEvent[] };

/**
 * Registers an endpoint for `actor` and returns its signing secret, the only time it is ever returned.
 * The target is checked now (HTTPS, public address) so mistakes show at once; the worker checks it again
 * before every POST, since DNS can change. Throws WebhookTargetError or WebhookLimitError with plain words.
 */
export async function createWebhook(
  actor: Actor,
  input: CreateWebhookInput,
  ctx: RequestContext & { resolveHost?: ResolveHost } = {},
): Promise<{ id: string; secret: string }> {
  assertRole(actor, ["admin", "sender"], "webhooks");
  const config = getConfig();
  const rules = { allowHttp: config.UNSAFE_ALLOW_HTTP_WEBHOOKS, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS };
  const url = parseWebhookUrl(input.url, rules);
  await resolveWebhookTarget(url, rules, ctx.resolveHost ?? resolveWithSystem);
  if (input.events.length === 0) throw new WebhookTargetError("invalid-url", "Choose at least one event to send.");

  const id = randomUUID();
  const secret = generateWebhookSecret();
  const sealed = sealWebhookSecret(getKeyRing(), id, secret);
  await getDb().$transaction(async (tx) => {
    const count = await tx.webhook.count({ where: { ownerUserId: actor.id } });
    if (count >= MAX_WEBHOOKS_PER_OWNER) throw new WebhookLimitError();
    await tx.webhook.create({
      data: { id, ownerUserId: actor.id, url: url.href, events: [...new Set(input.events)].join(","), ...sealed },
    });
    await recordAuditEvent(tx, {
      type: "webhook.created",
      actorType: "user",
      actorId: actor.id,
      sourceIp: ctx.sourceIp ?? null,
      outcome: "success",
      data: { webhookId: id, target: describeWebhookUrl(url.href), events: input.events },
    });
  });
  return { id, secret };
}
