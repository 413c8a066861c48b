import { recordAuditEvent } from "@/lib/audit/record-event";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { loadExtraCa } from "@/lib/delivery/load-extra-ca";
import { getKeyRing } from "@/lib/escrow/key-ring";
import type { ClaimedJob } from "@/lib/queue/claim-jobs";
import { completeJob, rescheduleJob } from "@/lib/queue/finish-job";
import type { JobResult } from "@/lib/queue/job-result";
import { resolveWithSystem, type ResolveHost } from "@/lib/webhooks/check-webhook-target";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import { WEBHOOK_GIVE_UP_AFTER_MS, webhookRetryDelay, WEBHOOK_RETRY_BASE_MS } from "@/lib/webhooks/webhook-retry-delay";
import { openWebhookSecret } from "@/lib/webhooks/webhook-secret";

export type WebhookJobOptions = {
  now?: () => Date;
  resolveHost?: ResolveHost;
  ca?: Buffer[];
  timeoutMs?: number;
  retryBaseMs?: number;
  giveUpAfterMs?: number;
};

/**
 * Sends one queued webhook delivery. Success or a final failure is written with its audit event and the job's
 * completion in one transaction; otherwise the same job is moved to the next retry time. The body is the one
 * stored at emit time, so every retry carries the same event id and payload (only the signature's t changes).
 */
export async function runWebhookJob(job: ClaimedJob, opts: WebhookJobOptions = {}): Promise<JobResult> {
  const config = getConfig();
  const db = getDb();
  const now = opts.now?.() ?? new Date();
  const deliveryId = typeof job.payload.deliveryId === "string" ? job.payload.deliveryId : null;
  const delivery = deliveryId
    ? await db.webhookDelivery.findUnique({
        where: { id: deliveryId },
        include: { webhook: { select: { id: true, url: true, active: true, ownerUserId: true, secretSealed: true, secretKeyId: true } } },
      })
    : null;
  if (!delivery || delivery.status !== "pending") {
    // Deleted with its webhook, or already settled by an earlier run of a duplicated job.
    await db.$transaction((tx) => completeJob(tx, job.id, job.leaseOwner));
    return { done: true };
  }
  const { webhook } = delivery;
  const attempts = delivery.attempts + 1;
  const result = webhook.active
    ? await postWebhook({
        url: webhook.url,
        body: delivery.payload,
        secret: openWebhookSecret(getKeyRing(), webhook),
        deliveryId: delivery.id,
        now,
        timeoutMs: opts.timeoutMs ?? config.WEBHOOK_TIMEOUT,
        rules: { allowHttp: config.UNSAFE_ALLOW_HTTP_WEBHOOKS, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS },
        resolveHost: opts.resolveHost ?? resolveWithSystem,
        ca: opts.ca ?? loadExtraCa(),
      })
    : ({ ok: false, statusCode: null, error: "The webhook was disabled before this event could be sent." } as const);

  const retryAt = new Date(now.getTime() + webhookRetryDelay(attempts, opts.retryBaseMs ?? WEBHOOK_RETRY_BASE_MS));
  const giveUpAt = delivery.createdAt.getTime() + (opts.giveUpAfterMs ?? WEBHOOK_GIVE_UP_AFTER_MS);
  const final = result.ok || !webhook.active || retryAt.getTime() > giveUpAt;
  const status = result.ok ? "delivered" : final ? "failed" : "pending";

  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status,
        attempts,
        lastStatusCode: result.statusCode,
        lastError: result.ok ? null : result.error,
        ...(result.ok ? { deliveredAt: now } : {}),
      },
    });
    if (!final) {
      await rescheduleJob(tx, job.id, job.leaseOwner, retryAt, result.ok ? "" : result.error);
      return;
    }
    await completeJob(tx, job.id, job.leaseOwner);
    await recordAuditEvent(tx, {
      type: result.ok ? "webhook.delivered" : "webhook.failed",
      actorType: "system",
      actorId: job.leaseOwner,
      messageId: job.messageId,
      recipientId: job.recipientId,
      outcome: result.ok ? "success" : "failure",
      data: {
        webhookId: webhook.id,
        deliveryId: delivery.id,
        event: delivery.event,
        attempts,
        statusCode: result.statusCode,
        ...(result.ok ? {} : { error: result.error }),
      },
    });
  });
  return final ? { done: true } : { retryAt, error: result.ok ? "" : result.error };
}
