/**
 * What a job handler reports back to the worker loop. Handlers write their own outcome and call
 * completeJob/rescheduleJob inside that same transaction, so this is for the loop's bookkeeping only.
 */
export type JobResult = { done: true } | { retryAt: Date; error: string };

/** The kinds of durable work. A new kind needs a handler in lib/queue/worker.ts. */
export type JobKind = "deliver" | "notify-recipient" | "notify-sender" | "webhook" | "send-invitation" | "account-email" | "break-glass-notice";
